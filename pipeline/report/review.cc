#include "pipeline/report/review.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "pipeline/io/byte_stream.h"
#include "pipeline/io/document_io.h"

namespace mtclean {
namespace {

// The nearest UTF-8 character boundary at or before `pos`.
size_t Boundary(std::string_view s, size_t pos) {
  pos = std::min(pos, s.size());
  while (pos > 0 && pos < s.size() && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return pos;
}

// Line breaks shown, so that a change spanning lines stays on one line of the diff.
std::string Visible(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += "\u23CE";
    else if (c == '\t') out += "\u2192";
    else out += c;
  }
  return out;
}

std::string Number(double x, const char* format) {
  char buf[32];
  std::snprintf(buf, sizeof buf, format, x);
  return buf;
}

void AppendEscaped(std::string_view s, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      default: *out += c;
    }
  }
}

std::string Escaped(std::string_view s) {
  std::string out;
  AppendEscaped(s, &out);
  return out;
}

// A CSS class name for a stage or rule ("lower-capital" stays; anything else becomes '-').
std::string ClassName(std::string_view s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-') ? c : '-';
  return out;
}

Status WriteFile(const std::string& path, const std::string& bytes) {
  auto w = OpenByteWriter(path);
  if (!w.ok()) return w.status();
  if (Status st = (*w)->Write(bytes); !st.ok()) return st;
  return (*w)->Commit();
}

// Styles and the script of every page: colours per stage (eight hues, cycled), the stage
// filter and the low-risk toggle, also driven by the URL (#hide=names,unicode&lowrisk=1) so
// that a link, or a test, can open a page filtered.
constexpr const char* kStyle = R"(
body{font:15px/1.55 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header{background:#23272f;color:#fff;padding:10px 18px}header a{color:#9cf}
main{max-width:980px;margin:0 auto;padding:12px 18px}
table{border-collapse:collapse;margin:8px 0 16px}td,th{border-bottom:1px solid #ddd;padding:3px 10px;text-align:left}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.text{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:14px;border-radius:6px}
.change{border-radius:3px;cursor:help}
.change del{background:#fdd;color:#900;text-decoration:line-through}
.change ins{background:#dfd;color:#060;text-decoration:none}
.flag{background:#fff3bf;border-bottom:2px solid #e0a800;cursor:help}
.s0{outline:1px solid #36c}.s1{outline:1px solid #c3c}.s2{outline:1px solid #3a3}.s3{outline:1px solid #c60}
.s4{outline:1px solid #09a}.s5{outline:1px solid #a33}.s6{outline:1px solid #66c}.s7{outline:1px solid #888}
.hidden del{display:none}.hidden ins{display:none}.hidden .orig{display:inline}.orig{display:none}
.hidden.flag{background:none;border:none}
#filters label{margin-right:14px;white-space:nowrap}
#detail{position:sticky;bottom:0;background:#23272f;color:#fff;padding:6px 12px;min-height:1.5em;border-radius:6px 6px 0 0}
nav.pages a{margin-right:8px}
)";

constexpr const char* kScript = R"(
(function(){
  function params(){var p={};location.hash.replace(/^#/,'').split('&').forEach(function(kv){var i=kv.indexOf('=');if(i>0)p[kv.slice(0,i)]=decodeURIComponent(kv.slice(i+1));});return p;}
  function apply(){
    var hide={};document.querySelectorAll('#filters input[data-stage]').forEach(function(c){if(!c.checked)hide[c.dataset.stage]=1;});
    var low=document.getElementById('lowrisk');var hideLow=low&&low.checked;
    var shown=0;
    document.querySelectorAll('[data-stage]').forEach(function(e){
      if(e.tagName==='INPUT')return;
      var h=hide[e.dataset.stage]||(hideLow&&e.dataset.lowrisk==='1');
      e.classList.toggle('hidden',!!h);if(!h)shown++;
    });
    var c=document.getElementById('shown');if(c)c.textContent=shown;
  }
  document.addEventListener('DOMContentLoaded',function(){
    var p=params();
    (p.hide||'').split(',').forEach(function(s){var c=document.querySelector('#filters input[data-stage="'+s+'"]');if(c)c.checked=false;});
    var low=document.getElementById('lowrisk');if(low&&p.lowrisk==='1')low.checked=true;
    document.querySelectorAll('#filters input').forEach(function(c){c.addEventListener('change',apply);});
    var d=document.getElementById('detail');
    document.querySelectorAll('.change,.flag').forEach(function(e){
      e.addEventListener('click',function(){if(d)d.textContent=e.title;});
    });
    apply();
  });
})();
)";

std::string PageStart(const std::string& title, const std::string& back) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>";
  AppendEscaped(title, &out);
  out += "</title><style>";
  out += kStyle;
  out += "</style><script>";
  out += kScript;
  out += "</script></head><body><header><b>mtclean</b> review";
  if (!back.empty()) out += " · <a href=\"" + back + "\">all documents</a>";
  out += "</header><main>";
  return out;
}

}  // namespace

std::vector<ReviewChange> ReviewChanges(const Pipeline& pipeline, const Document& original,
                                        const CleanResult& result) {
  std::vector<ReviewChange> out;
  auto add = [&](const Edit& e, bool flag) {
    ReviewChange c;
    c.begin = std::min(e.in_begin, original.text.size());
    c.end = std::min(std::max(e.in_end, c.begin), original.text.size());
    c.before = original.text.substr(c.begin, c.end - c.begin);
    if (!flag && e.out_end <= result.text.size() && e.out_begin <= e.out_end)
      c.after = result.text.substr(e.out_begin, e.out_end - e.out_begin);
    const Stage& stage = pipeline.stage(e.stage);
    c.stage = std::string(stage.name());
    c.rule = std::string(pipeline.RuleId(e));
    c.confidence = e.confidence;
    c.flag = flag;
    const auto names = stage.features();
    for (size_t f = 0; f < names.size() && f < 32; ++f)
      if (e.features >> f & 1u) c.features.emplace_back(names[f]);
    c.evidence = e.evidence;
    out.push_back(std::move(c));
  };
  for (const Edit& e : result.edits) add(e, false);
  for (const Edit& f : result.flags) add(f, true);
  std::stable_sort(out.begin(), out.end(), [](const ReviewChange& a, const ReviewChange& b) {
    return a.begin != b.begin ? a.begin < b.begin : (!a.flag && b.flag);
  });
  return out;
}

bool LowRisk(const ReviewChange& c) {
  if (c.flag || c.confidence < 0.9f) return false;
  // Removing words is never low risk; spaces, punctuation and letters changed in place are.
  const bool removes_words = c.after.empty() && std::any_of(c.before.begin(), c.before.end(), [](char ch) {
                               return std::isalnum(static_cast<unsigned char>(ch)) || (ch & 0x80);
                             });
  return !removes_words;
}

void AppendTerminalDiff(const Pipeline& pipeline, const Document& original, const CleanResult& result,
                        const DiffStyle& style, std::string* out) {
  const std::string_view text = original.text;
  const auto changes = ReviewChanges(pipeline, original, result);
  auto paint = [&](const char* code, std::string_view s) {
    if (style.color) *out += code;
    *out += s;
    if (style.color) *out += "\x1b[0m";
  };
  size_t flags = 0;
  for (const auto& c : changes) flags += c.flag ? 1 : 0;
  paint("\x1b[1m", "=== " + original.id + " ===");
  *out += "  " + std::to_string(changes.size() - flags) + " changes, " + std::to_string(flags) + " flags";
  if (result.dropped) *out += " (dropped: " + result.drop_reason + ")";
  *out += '\n';
  size_t k = 0, line_no = 1, counted_to = 0;
  while (k < changes.size()) {
    // The original lines holding change k and those that start on them.
    const size_t newline = changes[k].begin == 0 ? std::string_view::npos : text.rfind('\n', changes[k].begin - 1);
    const size_t line_begin = newline == std::string_view::npos ? 0 : newline + 1;
    size_t last = k, line_end = text.find('\n', std::max(changes[k].end, changes[k].begin));
    if (line_end == std::string_view::npos) line_end = text.size();
    while (last + 1 < changes.size() && changes[last + 1].begin <= line_end) {
      ++last;
      size_t e = text.find('\n', std::max(changes[last].end, changes[last].begin));
      line_end = std::max(line_end, e == std::string_view::npos ? text.size() : e);
    }
    line_no += static_cast<size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(counted_to),
                                              text.begin() + static_cast<std::ptrdiff_t>(line_begin), '\n'));
    counted_to = line_begin;
    paint("\x1b[36m", "@@ line " + std::to_string(line_no) + " @@");
    *out += '\n';
    // The line, unchanged runs cut to `context` bytes around the changes.
    size_t cursor = line_begin;
    auto unchanged = [&](size_t from, size_t to, bool first, bool final) {
      std::string_view run = text.substr(from, to - from);
      const size_t c = style.context;
      if (first && run.size() > c) {
        *out += "\u2026";
        run = run.substr(Boundary(run, run.size() - c));
      } else if (final && run.size() > c) {
        *out += Visible(run.substr(0, Boundary(run, c)));
        *out += "\u2026";
        return;
      } else if (!first && !final && run.size() > 2 * c + 3) {
        *out += Visible(run.substr(0, Boundary(run, c)));
        *out += " \u2026 ";
        run = run.substr(Boundary(run, run.size() - c));
      }
      *out += Visible(run);
    };
    std::string notes;
    for (size_t i = k; i <= last; ++i) {
      const ReviewChange& c = changes[i];
      const size_t at = std::max(c.begin, cursor);
      unchanged(cursor, at, i == k, false);
      const std::string number = "#" + std::to_string(i + 1);
      if (c.flag) {
        paint("\x1b[33m", "\u2691");  // before the flagged span, which follows as it is
        cursor = at;
      } else {
        if (!c.before.empty()) paint("\x1b[31m", "[-" + Visible(c.before) + "-]");
        if (!c.after.empty()) paint("\x1b[32m", "{+" + Visible(c.after) + "+}");
        cursor = std::max(cursor, c.end);
      }
      paint("\x1b[2m", number);
      notes += "    " + number + (c.flag ? " \u2691 " : " ") + c.stage + "/" + c.rule + " " +
               Number(c.confidence, "%.2f");
      for (size_t f = 0; f < c.features.size(); ++f) notes += (f == 0 ? ": " : ", ") + c.features[f];
      if (!c.evidence.empty()) notes += " (" + c.evidence + ")";
      notes += '\n';
    }
    unchanged(cursor, std::max(cursor, line_end), false, true);
    *out += '\n';
    if (style.color) *out += "\x1b[2m";
    *out += notes;
    if (style.color) *out += "\x1b[0m";
    k = last + 1;
  }
}

HtmlReport::HtmlReport(const Pipeline& pipeline, std::string dir) : pipeline_(pipeline), dir_(std::move(dir)) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(dir_) / "docs", ec);
  if (ec) status_ = Status::Error("cannot create " + dir_ + "/docs: " + ec.message());
}

Status HtmlReport::Add(const Document& original, const CleanResult& result) {
  if (!status_.ok()) return status_;
  const auto changes = ReviewChanges(pipeline_, original, result);
  DocSummary summary;
  summary.id = original.id;
  summary.page = "docs/" + std::to_string(docs_.size() + 1) + ".html";
  summary.dropped = result.dropped;
  std::map<std::string, size_t> stage_index;
  for (size_t i = 0; i < pipeline_.size(); ++i) stage_index[std::string(pipeline_.stage(i).name())] = i;
  std::map<std::string, size_t> per_stage;  // changes and flags of each stage in this document
  for (const auto& c : changes) {
    (c.flag ? summary.flags : summary.changes) += 1;
    auto& counts = by_rule_[{c.stage, c.rule}];
    (c.flag ? counts.second : counts.first) += 1;
    ++per_stage[c.stage];
  }
  std::string page = PageStart(original.id, "../index.html");
  page += "<h2>";
  AppendEscaped(original.id, &page);
  page += "</h2><p><span id=\"changes\">" + std::to_string(summary.changes) + "</span> changes, <span id=\"flags\">" +
          std::to_string(summary.flags) + "</span> flags; <span id=\"shown\"></span> shown";
  if (result.dropped) page += ". <b>Dropped</b>: " + Escaped(result.drop_reason);
  page += "</p><div id=\"filters\">Stages: ";
  for (const auto& [stage, n] : per_stage)
    page += "<label><input type=\"checkbox\" checked data-stage=\"" + ClassName(stage) + "\"> " + Escaped(stage) +
            " (" + std::to_string(n) + ")</label>";
  page += "<label><input type=\"checkbox\" id=\"lowrisk\"> hide low-risk changes (confidence ≥ 0.9, no words "
          "removed)</label></div>";
  page += "<p>Deleted text <del>struck out</del>, inserted text <ins>green</ins>, flags <span class=\"flag\">marked"
          "</span>. Hover or click a change for its stage, rule and confidence.</p><div class=\"text\">";
  // The original text with the changes inline. A flag's span is marked where no edit
  // overlaps it; otherwise only its mark is shown, at its start.
  const std::string_view text = original.text;
  size_t cursor = 0;
  for (size_t i = 0; i < changes.size(); ++i) {
    const ReviewChange& c = changes[i];
    const size_t at = std::max(c.begin, cursor);
    AppendEscaped(text.substr(cursor, at - cursor), &page);
    cursor = at;
    std::string title = c.stage + " / " + c.rule + " · confidence " + Number(c.confidence, "%.2f");
    for (size_t f = 0; f < c.features.size(); ++f) title += (f == 0 ? " · signs: " : ", ") + c.features[f];
    if (!c.evidence.empty()) title += " · " + c.evidence;
    const std::string attributes = " data-stage=\"" + ClassName(c.stage) + "\" data-rule=\"" + ClassName(c.rule) +
                                   "\" data-lowrisk=\"" + (LowRisk(c) ? "1" : "0") + "\" title=\"" + Escaped(title) +
                                   "\"";
    const std::string hue = " s" + std::to_string(stage_index[c.stage] % 8);
    if (c.flag) {
      const bool overlaps = i + 1 < changes.size() && changes[i + 1].begin < c.end;
      page += "<span class=\"flag" + hue + "\"" + attributes + ">";
      if (!overlaps && c.end > cursor) {
        page += "\u2691";
        AppendEscaped(text.substr(cursor, c.end - cursor), &page);
        cursor = c.end;
      } else {
        page += "\u2691";
      }
      page += "</span>";
      continue;
    }
    page += "<span class=\"change" + hue + "\"" + attributes + ">";
    if (!c.before.empty()) {
      page += "<del>";
      AppendEscaped(c.before, &page);
      page += "</del><span class=\"orig\">";
      AppendEscaped(c.before, &page);
      page += "</span>";
    }
    if (!c.after.empty()) {
      page += "<ins>";
      AppendEscaped(c.after, &page);
      page += "</ins>";
    }
    page += "</span>";
    cursor = std::max(cursor, c.end);
  }
  AppendEscaped(text.substr(std::min(cursor, text.size())), &page);
  page += "</div><div id=\"detail\"></div></main></body></html>\n";
  if (Status st = WriteFile(dir_ + "/" + summary.page, page); !st.ok()) {
    status_ = st;
    return st;
  }
  docs_.push_back(std::move(summary));
  return Status();
}

Status HtmlReport::Finish(const RunStats* stats) {
  if (!status_.ok()) return status_;
  std::vector<size_t> order(docs_.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return docs_[a].changes + docs_[a].flags > docs_[b].changes + docs_[b].flags;
  });
  size_t total_changes = 0, total_flags = 0;
  for (const auto& d : docs_) total_changes += d.changes, total_flags += d.flags;
  const size_t pages = std::max<size_t>(1, (docs_.size() + kDocsPerIndexPage - 1) / kDocsPerIndexPage);
  auto page_name = [](size_t p) { return p == 0 ? std::string("index.html") : "index-" + std::to_string(p + 1) + ".html"; };
  for (size_t p = 0; p < pages; ++p) {
    std::string html = PageStart("mtclean review", "");
    html += "<h2>Batch</h2><p><span id=\"documents\">" + std::to_string(docs_.size()) +
            "</span> documents, <span id=\"total-changes\">" + std::to_string(total_changes) +
            "</span> changes, <span id=\"total-flags\">" + std::to_string(total_flags) + "</span> flags";
    if (stats != nullptr)
      html += "; " + std::to_string(stats->docs_dropped) + " dropped, " + std::to_string(stats->docs_rejected) +
              " rejected; " + Number(static_cast<double>(stats->bytes_in) / 1e6, "%.2f") + " MB in " +
              Number(stats->seconds, "%.2f") + " s";
    html += ".</p><table id=\"rules\"><tr><th>stage</th><th>rule</th><th>changes</th><th>flags</th></tr>";
    for (const auto& [key, counts] : by_rule_)
      html += "<tr data-stage=\"" + ClassName(key.first) + "\" data-rule=\"" + ClassName(key.second) + "\"><td>" +
              Escaped(key.first) + "</td><td>" + Escaped(key.second) + "</td><td class=\"n\">" +
              std::to_string(counts.first) + "</td><td class=\"n\">" + std::to_string(counts.second) + "</td></tr>";
    html += "</table>";
    if (stats != nullptr) {
      html += "<h3>Per stage</h3><table><tr><th>stage</th><th>documents changed</th><th>dropped</th></tr>";
      for (size_t i = 0; i < stats->stages.size() && i < pipeline_.size(); ++i)
        html += "<tr><td>" + Escaped(pipeline_.stage(i).name()) + "</td><td class=\"n\">" +
                std::to_string(stats->stages[i].docs_changed) + "</td><td class=\"n\">" +
                std::to_string(stats->stages[i].docs_dropped) + "</td></tr>";
      html += "</table>";
    }
    html += "<h2>Documents, most changed first</h2><nav class=\"pages\">";
    for (size_t q = 0; q < pages; ++q)
      html += q == p ? "<b>" + std::to_string(q + 1) + "</b> " : "<a href=\"" + page_name(q) + "\">" +
                                                                    std::to_string(q + 1) + "</a>";
    html += "</nav><table id=\"documents-table\"><tr><th>document</th><th>changes</th><th>flags</th></tr>";
    for (size_t i = p * kDocsPerIndexPage; i < std::min(docs_.size(), (p + 1) * kDocsPerIndexPage); ++i) {
      const DocSummary& d = docs_[order[i]];
      html += "<tr class=\"doc\"><td><a href=\"" + d.page + "\">" + Escaped(d.id) + "</a>" +
              (d.dropped ? " (dropped)" : "") + "</td><td class=\"n\">" + std::to_string(d.changes) +
              "</td><td class=\"n\">" + std::to_string(d.flags) + "</td></tr>";
    }
    html += "</table></main></body></html>\n";
    if (Status st = WriteFile(dir_ + "/" + page_name(p), html); !st.ok()) return st;
  }
  return Status();
}

}  // namespace mtclean
