package org.shardjdbc.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * An SVG chart of mean latency against client threads, one panel per workload (rows) and added round trip (columns),
 * one line per contender; both axes logarithmic. Written without any library: the chart is a few hundred elements.
 */
final class LatencyChart {
  private static final int PANEL_WIDTH = 300;
  private static final int PANEL_HEIGHT = 170;
  private static final int MARGIN_LEFT = 62;
  private static final int MARGIN_TOP = 34;
  private static final int GAP = 30;
  private static final int HEADER = 70;
  private static final String[] COLORS = {"#1f77b4", "#7f7f7f", "#2ca02c", "#ff7f0e", "#9467bd"};

  private LatencyChart() {}

  /** The chart as SVG text. */
  static String svg(List<Measurement> measurements, List<String> contenders, String title) {
    List<Workload> workloads = new ArrayList<>();
    TreeSet<Double> delays = new TreeSet<>();
    TreeSet<Integer> threads = new TreeSet<>();
    for (Measurement measurement : measurements) {
      if (!workloads.contains(measurement.workload())) {
        workloads.add(measurement.workload());
      }
      delays.add(measurement.delayMillis());
      threads.add(measurement.threads());
    }
    workloads.sort(null);
    int cellWidth = MARGIN_LEFT + PANEL_WIDTH + GAP;
    int cellHeight = MARGIN_TOP + PANEL_HEIGHT + GAP;
    int width = Math.max(Math.max(1, delays.size()) * cellWidth + 10, 20 + 150 * contenders.size());
    int height = HEADER + Math.max(1, workloads.size()) * cellHeight;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height, width, height));
    svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
        escape(title)));
    for (int c = 0; c < contenders.size(); c++) {
      int x = 10 + c * 150;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"45\" x2=\"%d\" y2=\"45\" stroke=\"%s\""
          + " stroke-width=\"2.5\"%s/><text x=\"%d\" y=\"49\">%s</text>%n", x, x + 24, color(c), dash(contenders.get(c)),
          x + 30, escape(contenders.get(c))));
    }
    int column = 0;
    for (double delay : delays) {
      int row = 0;
      for (Workload workload : workloads) {
        int left = 10 + column * cellWidth + MARGIN_LEFT;
        int top = HEADER + row * cellHeight + MARGIN_TOP;
        panel(svg, measurements, contenders, workload, delay, List.copyOf(threads), left, top);
        row++;
      }
      column++;
    }
    return svg.append("</svg>\n").toString();
  }

  private static void panel(StringBuilder svg, List<Measurement> measurements, List<String> contenders, Workload workload,
      double delay, List<Integer> threads, int left, int top) {
    double min = Double.MAX_VALUE;
    double max = 0;
    for (Measurement measurement : measurements) {
      if (measurement.workload() == workload && measurement.delayMillis() == delay) {
        min = Math.min(min, measurement.meanMicros());
        max = Math.max(max, measurement.meanMicros());
      }
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s, %s</text>%n",
        left, top - 10, escape(workload.title()), delay == 0 ? "no added delay" : "+" + trim(delay) + " ms round trip"));
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\""
        + " stroke=\"#999\"/>%n", left, top, PANEL_WIDTH, PANEL_HEIGHT));
    if (max == 0) {
      return;
    }
    double low = Math.floor(Math.log10(min));
    double high = Math.ceil(Math.log10(max));
    if (high == low) {
      high = low + 1;
    }
    for (double decade = low; decade <= high; decade++) {
      int y = yOf(Math.pow(10, decade), low, high, top);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#eee\"/>"
          + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", left, y, left + PANEL_WIDTH, y, left - 4, y + 4,
          duration(Math.pow(10, decade))));
    }
    for (int i = 0; i < threads.size(); i++) {
      int x = xOf(i, threads.size(), left);
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d thr</text>%n", x,
          top + PANEL_HEIGHT + 14, threads.get(i)));
    }
    for (int c = 0; c < contenders.size(); c++) {
      StringBuilder points = new StringBuilder();
      for (int i = 0; i < threads.size(); i++) {
        for (Measurement measurement : measurements) {
          if (measurement.workload() == workload && measurement.delayMillis() == delay
              && measurement.threads() == threads.get(i) && measurement.contender().equals(contenders.get(c))) {
            int x = xOf(i, threads.size(), left);
            int y = yOf(measurement.meanMicros(), low, high, top);
            points.append(x).append(',').append(y).append(' ');
            svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\"/>%n", x, y, color(c)));
          }
        }
      }
      if (points.length() > 0) {
        svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
            points.toString().trim(), color(c), dash(contenders.get(c))));
      }
    }
  }

  private static int xOf(int index, int count, int left) {
    return count == 1 ? left + PANEL_WIDTH / 2 : left + 20 + index * (PANEL_WIDTH - 40) / (count - 1);
  }

  private static int yOf(double micros, double lowDecade, double highDecade, int top) {
    double fraction = (Math.log10(micros) - lowDecade) / (highDecade - lowDecade);
    return (int) Math.round(top + PANEL_HEIGHT - fraction * PANEL_HEIGHT);
  }

  private static String color(int index) {
    return COLORS[index % COLORS.length];
  }

  private static String dash(String contender) {
    return contender.equals(Contender.RAW_UNION) ? " stroke-dasharray=\"5,3\"" : "";
  }

  /** 1 µs, 100 µs, 1 ms, 1 s. */
  static String duration(double micros) {
    if (micros >= 1e6) {
      return trim(micros / 1e6) + " s";
    }
    if (micros >= 1e3) {
      return trim(micros / 1e3) + " ms";
    }
    return trim(micros) + " µs";
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value)
        .replaceAll("0+$", "");
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
