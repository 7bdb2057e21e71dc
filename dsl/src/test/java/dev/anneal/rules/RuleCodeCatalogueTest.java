package dev.anneal.rules;

import java.util.List;

/** The catalogue contract over the codes {@link RuleCode} owns. */
class RuleCodeCatalogueTest extends DiagnosticCatalogueContract {
  @Override
  protected List<Class<? extends DiagnosticCode>> ownedCodes() {
    return List.of(RuleCode.class);
  }
}
