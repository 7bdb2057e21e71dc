package dev.anneal.config.pytorch;

import dev.anneal.rules.DiagnosticCatalogueContract;
import dev.anneal.rules.DiagnosticCode;
import java.util.List;

/** The catalogue contract over the codes {@link PyTorchCode} owns. */
class PyTorchCodeCatalogueTest extends DiagnosticCatalogueContract {
  @Override
  protected List<Class<? extends DiagnosticCode>> ownedCodes() {
    return List.of(PyTorchCode.class);
  }
}
