package dev.anneal.config.megatron;

import dev.anneal.rules.DiagnosticCatalogueContract;
import dev.anneal.rules.DiagnosticCode;
import java.util.List;

/** The catalogue contract over the codes {@link MegatronCode} owns. */
class MegatronCodeCatalogueTest extends DiagnosticCatalogueContract {
  @Override
  protected List<Class<? extends DiagnosticCode>> ownedCodes() {
    return List.of(MegatronCode.class);
  }
}
