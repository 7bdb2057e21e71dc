package dev.anneal.config.transformers;

import dev.anneal.rules.DiagnosticCatalogueContract;
import dev.anneal.rules.DiagnosticCode;
import java.util.List;

/** The catalogue contract over the codes {@link TransformersCode} owns. */
class TransformersCodeCatalogueTest extends DiagnosticCatalogueContract {
  @Override
  protected List<Class<? extends DiagnosticCode>> ownedCodes() {
    return List.of(TransformersCode.class);
  }
}
