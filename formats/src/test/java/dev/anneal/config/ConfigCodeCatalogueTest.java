package dev.anneal.config;

import dev.anneal.rules.DiagnosticCatalogueContract;
import dev.anneal.rules.DiagnosticCode;
import java.util.List;

/** The catalogue contract over the codes {@link ConfigCode} owns. */
class ConfigCodeCatalogueTest extends DiagnosticCatalogueContract {
  @Override
  protected List<Class<? extends DiagnosticCode>> ownedCodes() {
    return List.of(ConfigCode.class);
  }
}
