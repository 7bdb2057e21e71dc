package dev.anneal.cli.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Where the labels of a chart's marked steps go, in pixels along the plot's width: each on one of
 * a few rows at the top of the plot, none touching another, none outside the plot.
 *
 * <p>A phase's label goes right of its boundary, as far left as its row allows, sliding no further
 * than its phase reaches (or the plot's edge); the declared end's label ends at its line. A
 * label tries its full text on each row in turn, then its brief text (a phase's index); a label
 * shown brief, or not at all, is listed in the {@link Layout#key} so that the chart can say it
 * elsewhere. Labels are placed in the order given, so earlier ones win a contested place.
 */
final class LabelLayout {
  /** Pixels between a label and the line it belongs to. */
  static final double PAD = 5;
  /** Pixels kept free between two labels on a row. */
  static final double GAP = 12;

  private LabelLayout() {}

  /** Which side of its step a label goes. */
  enum Side {
    /** Right of the step, within {@code [anchor, limit]}: a phase, from its boundary to the next. */
    AFTER,
    /** Ending at the step: the declared end. */
    BEFORE
  }

  /**
   * A label to place.
   *
   * @param full its text where there is room, e.g. {@code 2: cosine decay}
   * @param brief its text where there is not, e.g. {@code 2}
   * @param key what the key says of it when it is shown brief or not at all
   * @param anchor the pixel of its step
   * @param limit the pixel it may slide up to (the next boundary); only for {@link Side#AFTER}
   * @param side where it goes
   */
  record Label(String full, String brief, String key, double anchor, double limit, Side side) {}

  /**
   * A label placed.
   *
   * @param label its index in the list given
   * @param text the text shown, full or brief
   * @param left its left edge in pixels
   * @param width its width in pixels
   * @param row its row, 0 at the top
   */
  record Placed(int label, String text, double left, double width, int row) {
    double right() {
      return left + width;
    }
  }

  /**
   * The layout.
   *
   * @param placed the labels shown, in the order given
   * @param key what the chart must say elsewhere, for the labels shown brief or not at all
   */
  record Layout(List<Placed> placed, List<String> key) {
    Layout {
      placed = List.copyOf(placed);
      key = List.copyOf(key);
    }
  }

  /**
   * Places {@code labels} on {@code rows} rows between {@code plotLeft} and {@code plotRight}, text
   * {@code width}s measured by the caller.
   */
  static Layout of(List<Label> labels, ToDoubleFunction<String> width, double plotLeft, double plotRight, int rows) {
    List<List<Placed>> taken = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      taken.add(new ArrayList<>());
    }
    List<Placed> placed = new ArrayList<>();
    List<String> key = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      Label label = labels.get(i);
      Placed spot = place(i, label, label.full(), width, plotLeft, plotRight, taken);
      if (spot == null) {
        spot = place(i, label, label.brief(), width, plotLeft, plotRight, taken);
        key.add(label.key());
      }
      if (spot != null) {
        placed.add(spot);
        taken.get(spot.row()).add(spot);
        taken.get(spot.row()).sort(Comparator.comparingDouble(Placed::left));
      }
    }
    return new Layout(placed, key);
  }

  /** The first row with room for {@code text}, and where on it; null if none has. */
  private static Placed place(int index, Label label, String text, ToDoubleFunction<String> width,
      double plotLeft, double plotRight, List<List<Placed>> taken) {
    double w = width.applyAsDouble(text);
    boolean brief = text.equals(label.brief()) && !text.equals(label.full());
    double earliest;
    double latest;
    if (label.side() == Side.BEFORE) {
      earliest = label.anchor() - PAD - w;
      latest = earliest;
    } else {
      earliest = label.anchor() + PAD;
      // A label slides right within its phase; where the phase is narrower than the label, the
      // label may still start at its own line and reach over the next (the rows keep it apart
      // from that phase's label).
      latest = Math.max(Math.min(label.limit(), plotRight) - PAD - w, earliest);
      if (brief) {
        // Pull an index inside the plot where its phase starts at the plot's right edge.
        earliest = Math.min(earliest, plotRight - w);
      }
    }
    earliest = Math.max(earliest, plotLeft);
    latest = Math.min(latest, plotRight - w);
    for (int row = 0; row < taken.size(); row++) {
      double left = firstFree(taken.get(row), earliest, w);
      if (left <= latest) {
        return new Placed(index, text, left, w, row);
      }
    }
    return null;
  }

  /** The leftmost place at or after {@code from} where {@code w} pixels keep {@link #GAP} from every label of the row (sorted by left edge). */
  private static double firstFree(List<Placed> row, double from, double w) {
    double left = from;
    for (Placed other : row) {
      if (left + w + GAP <= other.left()) {
        break;
      }
      if (left < other.right() + GAP) {
        left = other.right() + GAP;
      }
    }
    return left;
  }
}
