package dev.anneal.processor.check;

import dev.anneal.processor.read.Site;
import dev.anneal.rules.Violation;

/** A violation found at compile time, and where in the source to report it. */
public record Finding(Violation violation, Site where) {}
