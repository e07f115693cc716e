// The SLO report page: charts drawn as SVG here, so the page needs no library and no network.
#include "slo/report_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/escaping.hpp"
#include "slo/budget_check.hpp"
#include "slo/slo_catalog.hpp"

namespace apictl::slo {

namespace {

using report::xml_escape;

constexpr double chart_width = 720;
constexpr double chart_height = 260;
constexpr double left_margin = 56;
constexpr double right_margin = 150;  // room for the budget labels
constexpr double top_margin = 16;
constexpr double bottom_margin = 40;

constexpr std::array<std::string_view, 2> series_colors = {"#2563eb", "#9333ea"};

std::string number(double value) {
  if (std::fabs(value - std::round(value)) < 1e-9) return fmt::format("{:.0f}", value);
  return fmt::format("{:.2f}", value);
}

std::string with_unit(double value, std::string_view unit) {
  return unit.empty() ? number(value) : number(value) + " " + std::string(unit);
}

// A ceiling for the y axis: 1, 2 or 5 times a power of ten, above every value.
double axis_top(double highest) {
  if (highest <= 0) return 1;
  double power = std::pow(10.0, std::floor(std::log10(highest)));
  for (double step : {1.0, 2.0, 5.0, 10.0}) {
    if (step * power >= highest * 1.05) return step * power;
  }
  return 10 * power;
}

std::string point_label(const Measurement& measurement) {
  std::string label = measurement.time;
  if (!measurement.commit.empty()) label += " · " + measurement.commit.substr(0, 12);
  if (!measurement.tag.empty()) label += " · " + measurement.tag;
  return label;
}

std::string render_chart(const SloDefinition& slo, const std::vector<const Measurement*>& points,
                         const project::SloConfig& config) {
  double highest = 0;
  for (const Measurement* measurement : points) {
    for (std::string_view figure : slo.figures) {
      if (auto value = figure.empty() ? std::nullopt : measurement->figure(figure)) highest = std::max(highest, *value);
    }
  }
  for (std::string_view figure : slo.figures) {
    if (auto budget = figure.empty() ? std::nullopt : budget_for(config, figure)) highest = std::max(highest, *budget);
  }
  double top = axis_top(highest);
  double plot_width = chart_width - left_margin - right_margin;
  double plot_height = chart_height - top_margin - bottom_margin;
  auto x_of = [&](std::size_t index) {
    if (points.size() <= 1) return left_margin + plot_width / 2;
    return left_margin + plot_width * static_cast<double>(index) / static_cast<double>(points.size() - 1);
  };
  auto y_of = [&](double value) { return top_margin + plot_height * (1 - value / top); };

  std::string svg = fmt::format(
      "<svg class=\"slo-chart\" data-slo=\"{}\" role=\"img\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
      "xmlns=\"http://www.w3.org/2000/svg\">\n<title>{} over time</title>\n",
      slo.id, chart_width, chart_height, chart_width, chart_height, xml_escape(slo.title));
  // Axes and the y scale: 0, half and top.
  for (double tick : {0.0, top / 2, top}) {
    svg += fmt::format(
        "<line class=\"grid\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>"
        "<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
        left_margin, y_of(tick), left_margin + plot_width, y_of(tick), left_margin - 6, y_of(tick) + 4, number(tick));
  }
  // Budget lines, dashed, labelled at the right; two labels closer than a line of text are moved apart.
  double last_label_y = -100;
  for (std::size_t series = 0; series < slo.figures.size(); ++series) {
    std::string_view figure = slo.figures[series];
    auto budget = figure.empty() ? std::nullopt : budget_for(config, figure);
    if (!budget) continue;
    double label_y = std::max(y_of(*budget) + 4, last_label_y + 13);
    last_label_y = label_y;
    std::string label = slo.labels[series].empty() ? "budget" : std::string(slo.labels[series]) + " budget";
    svg += fmt::format(
        "<line class=\"budget-line\" data-figure=\"{}\" x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" "
        "stroke=\"#dc2626\"/><text class=\"budget-label\" x=\"{:.1f}\" y=\"{:.1f}\">{} {}</text>\n",
        figure, left_margin, y_of(*budget), left_margin + plot_width, y_of(*budget), left_margin + plot_width + 6,
        label_y, label, with_unit(*budget, slo.unit));
  }
  // One series per figure: a line through the points that have it, a dot with a tooltip on each.
  for (std::size_t series = 0; series < slo.figures.size(); ++series) {
    std::string_view figure = slo.figures[series];
    if (figure.empty()) continue;
    std::string line;
    std::string dots;
    for (std::size_t index = 0; index < points.size(); ++index) {
      auto value = points[index]->figure(figure);
      if (!value) continue;
      line += fmt::format("{}{:.1f},{:.1f}", line.empty() ? "" : " ", x_of(index), y_of(*value));
      dots += fmt::format(
          "<circle class=\"point\" data-figure=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3.5\" fill=\"{}\">"
          "<title>{}: {} ({})</title></circle>\n",
          figure, x_of(index), y_of(*value), series_colors[series], figure, with_unit(*value, slo.unit),
          xml_escape(point_label(*points[index])));
    }
    if (line.empty()) continue;
    svg += fmt::format("<polyline class=\"series\" data-figure=\"{}\" points=\"{}\" stroke=\"{}\"/>\n", figure, line,
                       series_colors[series]);
    svg += dots;
  }
  // The x axis: the first and the last measurement's date, and each point's release for defects.
  if (!points.empty()) {
    double axis_y = top_margin + plot_height + 16;
    svg += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"start\">{}</text>\n", left_margin,
                       axis_y + 14, xml_escape(points.front()->time.substr(0, 10)));
    if (points.size() > 1) {
      svg += fmt::format("<text class=\"tick\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                         left_margin + plot_width, axis_y + 14, xml_escape(points.back()->time.substr(0, 10)));
    }
    if (slo.id == "defects") {
      for (std::size_t index = 0; index < points.size(); ++index) {
        svg += fmt::format("<text class=\"tick release\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n",
                           x_of(index), axis_y - 2,
                           xml_escape(points[index]->tag.empty() ? "untagged" : points[index]->tag));
      }
    }
  } else {
    svg +=
        fmt::format("<text class=\"empty\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">not measured yet</text>\n",
                    left_margin + plot_width / 2, top_margin + plot_height / 2);
  }
  svg += "</svg>\n";
  return svg;
}

std::string render_summary(const SloDefinition& slo, const std::vector<const Measurement*>& points,
                           const BudgetCheck& check) {
  std::string rows;
  for (std::string_view figure : slo.figures) {
    if (figure.empty()) continue;
    std::optional<double> latest;
    for (auto point = points.rbegin(); point != points.rend() && !latest; ++point) latest = (*point)->figure(figure);
    std::string budget = "none";
    std::string status = "no budget";
    for (const BudgetResult& result : check.results) {
      if (result.figure != figure) continue;
      budget = "≤ " + with_unit(result.budget, slo.unit);
      status = std::string(status_name(result.status));
    }
    rows += fmt::format("<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"status {}\">{}</td></tr>\n",
                        figure, latest ? with_unit(*latest, slo.unit) : "—", xml_escape(budget),
                        status == "no budget" ? "none" : status, status);
  }
  return "<table><thead><tr><th>figure</th><th>latest</th><th>budget</th><th>status</th></tr></thead><tbody>\n" + rows +
         "</tbody></table>\n";
}

constexpr std::string_view style = R"(
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #111827; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2.2rem; }
svg.slo-chart { display: block; max-width: 100%; height: auto; background: #fafafa; border: 1px solid #e5e7eb; }
.grid { stroke: #e5e7eb; } .tick { font-size: 11px; fill: #6b7280; }
.series { fill: none; stroke-width: 2; }
.budget-line { stroke-width: 1.5; stroke-dasharray: 6 4; } .budget-label { font-size: 11px; fill: #dc2626; }
.empty { fill: #9ca3af; font-size: 13px; }
table { border-collapse: collapse; margin-top: .6rem; } td, th { padding: .25rem .8rem; border-bottom: 1px solid #e5e7eb; text-align: left; }
.status.met { color: #15803d; } .status.breached { color: #b91c1c; font-weight: 600; } .status.unmeasured { color: #b45309; }
ul.open { color: #374151; } footer { margin-top: 3rem; color: #6b7280; font-size: 12px; }
)";

}  // namespace

std::string render_slo_report(const std::vector<Measurement>& history, const project::SloConfig& config,
                              const SloReportOptions& options) {
  BudgetCheck check = check_budgets(history, config);
  std::string title = options.project_name.empty() ? "DX service levels" : options.project_name + ": DX service levels";
  std::string page = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      // Nothing may be fetched: no script, no image, no font, no connection.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n"
      "</head>\n<body>\n<h1>{}</h1>\n<p>{} measurements from <code>.apictl/slo-history.jsonl</code>; budgets from "
      "<code>apictl.toml</code> [slo]. Dashed red lines are the budgets.</p>\n",
      xml_escape(title), style, xml_escape(title), history.size());
  for (const SloDefinition& slo : slo_catalog) {
    std::vector<const Measurement*> points;
    for (const Measurement& measurement : history) {
      for (std::string_view figure : slo.figures) {
        if (!figure.empty() && measurement.figure(figure)) {
          points.push_back(&measurement);
          break;
        }
      }
    }
    page += fmt::format("<section class=\"slo\" data-slo=\"{}\">\n<h2>{}</h2>\n", slo.id, xml_escape(slo.title));
    page += render_chart(slo, points, config);
    page += render_summary(slo, points, check);
    if (slo.id == "lead-time" && !points.empty() && !points.back()->open.empty()) {
      page += "<p>Open at the latest measurement (no test, or no summary or description):</p>\n<ul class=\"open\">\n";
      for (const std::string& open : points.back()->open) page += "<li>" + xml_escape(open) + "</li>\n";
      page += "</ul>\n";
    }
    if (slo.id == "ttfr" && !points.empty() && !points.back()->phases.empty()) {
      std::size_t runs = points.back()->run_totals.size();
      page += "<p>Phases of the latest measurement (median of " + std::to_string(runs) +
              (runs == 1 ? " run" : " runs") + "): ";
      std::string phases;
      for (const Phase& phase : points.back()->phases) {
        phases += (phases.empty() ? "" : ", ") + xml_escape(phase.name) + " " + fmt::format("{:.2f} s", phase.seconds);
      }
      page += phases + ".</p>\n";
    }
    page += "</section>\n";
  }
  if (!options.generated_at.empty()) {
    page += "<footer>Written by apictl slo report at " + xml_escape(options.generated_at) + ".</footer>\n";
  }
  page += "</body>\n</html>\n";
  return page;
}

}  // namespace apictl::slo
