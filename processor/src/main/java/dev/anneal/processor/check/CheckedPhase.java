package dev.anneal.processor.check;

import dev.anneal.processor.curve.CurveSpec;
import dev.anneal.processor.read.PhaseDraft;
import java.util.Map;
import java.util.Optional;

/**
 * A phase whose attributes are all known and typed.
 *
 * @param args the shape's arguments by model field, in constructor order
 * @param steps the length, or empty for a phase that never ends
 */
public record CheckedPhase(PhaseDraft draft, CurveSpec spec, Map<String, Arg> args, Optional<Arg.Expr> steps) {}
