package dev.anneal.config.takeover;

import dev.anneal.rules.DiagnosticCatalogueContract;
import dev.anneal.rules.DiagnosticCode;
import java.util.List;

/** The catalogue contract over the codes {@link TakeOverCode} owns. */
class TakeOverCodeCatalogueTest extends DiagnosticCatalogueContract {
  @Override
  protected List<Class<? extends DiagnosticCode>> ownedCodes() {
    return List.of(TakeOverCode.class);
  }
}
