import { OUTCOMES } from "./executions.js";
import { MARK_COLORS, OUTCOME_COLORS } from "./palette.js";

// The page's stylesheet. Bars keep the class exactly "bar"; their outcome is an attribute.

const barColours = OUTCOMES.map((o) => `.bar[data-outcome="${o}"],.swatch[data-outcome="${o}"]{background:${OUTCOME_COLORS[o]}}`).join("\n");

export const PAGE_STYLE = `
:root{--bg:#f4f5f8;--card:#fff;--ink:#1d2433;--muted:#667085;--line:#e3e6ec;--soft:#f8f9fb;--pass:#1f9d63;--fail:#e0454b;--accent:${MARK_COLORS.link};
--sans:system-ui,-apple-system,"Segoe UI",Lato,"DejaVu Sans",sans-serif;--mono:ui-monospace,"SF Mono",Menlo,"DejaVu Sans Mono",monospace}
*{box-sizing:border-box}
html,body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 var(--sans)}
.top{display:flex;align-items:center;gap:18px;flex-wrap:wrap;padding:12px 24px;background:#141a29;color:#fff}
.brand{font-weight:700;font-size:18px;letter-spacing:.3px}
.brand span{color:#8b93ff;font-weight:400}
.run{display:flex;gap:8px;align-items:center;flex-wrap:wrap;font-size:13px;color:#c8cde0}
.nav{display:flex;gap:6px;flex-wrap:wrap;margin-left:auto}
.nav a{color:#fff;text-decoration:none;font-size:12px;padding:3px 10px;border-radius:999px;background:#262e45;display:inline-flex;gap:6px;align-items:center}
.nav a:hover{background:#343d5c}
.dot{width:8px;height:8px;border-radius:50%;display:inline-block;flex:none}
.dot.pass{background:var(--pass)}.dot.fail{background:var(--fail)}
main{padding:16px 24px 48px;display:flex;flex-direction:column;gap:28px}
.scenario{display:flex;flex-direction:column;gap:12px}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:14px 16px}
.card h3{margin:0 0 10px;font-size:13px;text-transform:uppercase;letter-spacing:.6px;color:var(--muted);font-weight:600}
.head{display:flex;align-items:baseline;gap:12px;flex-wrap:wrap}
.head h2{margin:0;font-size:20px}
.badge{font-size:11px;font-weight:700;letter-spacing:.6px;padding:2px 8px;border-radius:4px;color:#fff;text-transform:uppercase}
.badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}.badge.err{background:#9f1239}
.meta{display:flex;flex-wrap:wrap;gap:4px 18px;color:var(--muted);font-size:13px;margin-top:6px}
.meta b{color:var(--ink);font-weight:600}
.desc{margin:8px 0 0;color:#3b4356}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}
.chip{display:inline-flex;align-items:center;gap:6px;background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:3px 9px;font-size:12px}
.chip b{font-variant-numeric:tabular-nums}
.grid2{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:12px}
@media (max-width:1000px){.grid2{grid-template-columns:minmax(0,1fr)}}
.error{background:#fff1f2;border:1px solid #fecdd3;color:#881337;border-radius:8px;padding:10px 12px;font:12px/1.5 var(--mono);white-space:pre-wrap;margin:10px 0 0;overflow-wrap:anywhere}
.note{color:var(--muted);font-size:12px;margin:6px 0 0}
table{border-collapse:collapse;width:100%;font-size:12.5px}
th{text-align:left;font-weight:600;color:var(--muted);border-bottom:1px solid var(--line);padding:5px 8px;white-space:nowrap;background:var(--soft)}
td{border-bottom:1px solid #eff1f5;padding:4px 8px;vertical-align:top}
td.mono,.mono{font-family:var(--mono);font-size:12px}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.nowrap{white-space:nowrap}
td.detail{font-family:var(--mono);font-size:11.5px;color:#475067;overflow-wrap:anywhere}
.ok{color:var(--pass);font-weight:700}.bad{color:var(--fail);font-weight:700}
.type{font-family:var(--mono);font-size:11px;padding:1px 6px;border-radius:4px;background:#eef0f6;white-space:nowrap}
.type.t-failed,.type.t-process_died,.type.t-lost_result,.type.t-fault,.type.t-recurring_error{background:#fde2e3;color:#9b1c23}
.type.t-succeeded{background:#dcf5e8;color:#11643d}.type.t-retried,.type.t-retry_stopped{background:#fdf0d8;color:#8a5300}
.type.t-finished{background:#dcf5e8;color:#11643d}.type.t-claimed{background:#e3ecff;color:#1e4fd1}
.type.t-discarded,.type.t-discarded_on_conflict{background:#ede6fe;color:#5b32c7}.type.t-started{background:#e3ecff;color:#1e4fd1}
.controls{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:8px}
input[type=search],select{font:inherit;font-size:13px;padding:4px 8px;border:1px solid #cfd4de;border-radius:6px;background:#fff;color:var(--ink)}
input[type=search]{min-width:260px}
button{font:inherit;font-size:12px;padding:3px 10px;border:1px solid #cfd4de;border-radius:6px;background:#fff;color:var(--ink);cursor:pointer}
button:hover:not(:disabled){background:#f0f2f7}
button:disabled{opacity:.45;cursor:default}
.count{color:var(--muted);font-size:12px;margin-left:auto;font-variant-numeric:tabular-nums}
.scroll{max-height:560px;overflow:auto;border:1px solid var(--line);border-radius:6px}
.scroll th{position:sticky;top:0;z-index:1}
.legend{display:flex;flex-wrap:wrap;gap:6px 14px;font-size:12px;color:#3b4356;align-items:center}
.legend span.item{display:inline-flex;gap:6px;align-items:center}
.swatch{width:14px;height:10px;border-radius:2px;display:inline-block}
${barColours}
.swatch[data-outcome="running"],.bar[data-outcome="running"]{background:repeating-linear-gradient(135deg,#9aa8ba 0 3px,#c9d2de 3px 6px)}
.swatch[data-outcome="lost"],.bar[data-outcome="lost"]{background:repeating-linear-gradient(135deg,#8a6d55 0 3px,#c7ab93 3px 6px)}
.mark{width:0;height:0;display:inline-block;border-left:5px solid transparent;border-right:5px solid transparent;border-top:8px solid ${MARK_COLORS.scheduled}}
.mark.recurring{border:0;width:8px;height:8px;background:${MARK_COLORS.recurring};transform:rotate(45deg)}
.linkline{width:22px;height:0;border-top:2px dashed ${MARK_COLORS.link};display:inline-block}
.deathmark{color:${MARK_COLORS.death};font-weight:700}
.tl-bar{display:flex;gap:8px;align-items:center;flex-wrap:wrap;margin-bottom:8px}
.tl-range{font-size:12px;color:#3b4356;font-variant-numeric:tabular-nums}
.tl-note{font-size:11.5px;color:#8a5300;background:#fdf0d8;border-radius:4px;padding:1px 6px}
.tl-hint{font-size:11.5px;color:var(--muted);margin-left:auto}
.tl{border:1px solid var(--line);border-radius:8px;overflow:hidden;user-select:none}
.tl-row{display:flex;align-items:stretch}
.tl-label{flex:0 0 210px;width:210px;padding:0 10px;font-size:11.5px;display:flex;align-items:center;gap:6px;border-right:1px solid var(--line);background:#fbfbfd;white-space:nowrap;overflow:hidden}
.tl-label .pname{overflow:hidden;text-overflow:ellipsis;font-family:var(--mono);font-size:11px;color:#3b4356}
.tl-label .pname.cont{color:#b4bac8;padding-left:4px}
.tl-label .thr{color:var(--muted);font-family:var(--mono);font-size:11px;flex:none}
.tl-cell{flex:1 1 auto;position:relative;min-width:0;overflow:hidden}
.tl-axis .tl-cell{height:46px;cursor:crosshair;background:#fff;border-bottom:1px solid var(--line)}
.tl-axis .tl-label{font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.5px;font-size:10.5px}
.tl-lanes{position:relative;z-index:0;cursor:grab}
.tl-lanes.dragging{cursor:grabbing}
.lane{height:22px}
.lane:nth-child(even) .tl-cell{background:#fafbfd}
.lane.first-of-process{border-top:1px solid #e9ecf2}
.life{position:absolute;top:0;bottom:0;background:rgba(79,70,229,.045);z-index:0}
.death{position:absolute;top:0;bottom:0;width:2px;background:${MARK_COLORS.death};z-index:3}
.bar{position:absolute;top:4px;height:14px;border-radius:3px;z-index:2;min-width:3px;box-shadow:inset 0 0 0 1px rgba(0,0,0,.12)}
.hovering .bar{opacity:.28}
.hovering .bar[data-hl]{opacity:1;box-shadow:0 0 0 2px #fff,0 0 0 3.5px var(--accent);z-index:4}
.tl-links,.tl-canvas{position:absolute;top:0;left:210px;pointer-events:none}
.tl-links{z-index:1}.tl-canvas{z-index:2}
.brush{position:absolute;top:0;bottom:0;background:rgba(79,70,229,.15);border-left:1px solid var(--accent);border-right:1px solid var(--accent);pointer-events:none}
.tl-depth-title{padding:6px 10px;font-size:10.5px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.5px;background:#fbfbfd;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
.depth{height:38px;border-bottom:1px solid #eff1f5}
.depth .tl-label{flex-direction:column;align-items:flex-start;justify-content:center;gap:0;line-height:1.2}
.depth .qmax{color:var(--muted);font-size:10.5px}
.empty{padding:14px;color:var(--muted);font-size:13px}
.tooltip{position:fixed;z-index:100;max-width:460px;background:#141a29;color:#e8ebf5;border-radius:8px;padding:8px 10px;font-size:12px;box-shadow:0 8px 24px rgba(0,0,0,.25);pointer-events:none}
.tooltip .tt-title{font-weight:700;margin-bottom:4px;color:#fff;overflow-wrap:anywhere}
.tooltip .tt-row{display:flex;gap:8px}
.tooltip .tt-k{color:#9aa3bd;flex:0 0 78px}
.tooltip .tt-v{overflow-wrap:anywhere;font-family:var(--mono);font-size:11.5px}
.errors-banner{background:#9f1239;color:#fff;padding:8px 24px;font-size:13px}

.failures{border-color:#fecdd3;border-left:5px solid var(--fail)}
.failures h3{color:#9b1c23}
.fail-list{margin:0;padding-left:20px;display:flex;flex-direction:column;gap:12px}
.fe-head{display:flex;gap:8px;align-items:baseline;font-size:15px}
.fe-msg{margin:4px 0 0;font:12.5px/1.5 var(--mono);color:#3b0a0f;background:#fff5f5;border-radius:6px;padding:6px 9px;white-space:pre-wrap;overflow-wrap:anywhere}
.fe-measured{font-size:12.5px;color:#3b4356;margin-top:4px}
.fe-why{font-size:12px;color:var(--muted);margin:8px 0 4px;font-weight:600}
.evidence-list,.deaths{margin:0;padding-left:18px;font-size:13px;display:flex;flex-direction:column;gap:5px}
.evidence .errmsg{font:12px/1.45 var(--mono);color:#9b1c23;margin:2px 0 0 2px;overflow-wrap:anywhere}
.ev-link{color:var(--accent);font-weight:600}
.ev-where{font-family:var(--mono);font-size:12px}
.ev-wait{font-weight:600;color:#9b1c23}
.outcome{font-size:11px;padding:1px 7px;border-radius:9px;background:#eef0f6;color:#3b4356;white-space:nowrap}
.outcome[data-outcome=succeeded]{background:#dcf5e8;color:#11643d}
.outcome[data-outcome=failed],.outcome[data-outcome=killed],.outcome[data-outcome=lost]{background:#fde2e3;color:#9b1c23}
.outcome[data-outcome=retried],.outcome[data-outcome="retry pending"]{background:#fdf0d8;color:#8a5300}
.outcome[data-outcome=discarded]{background:#ede6fe;color:#5b32c7}
.outcome[data-outcome=running],.outcome[data-outcome=waiting]{background:#e3ecff;color:#1e4fd1}
td.measured{font-variant-numeric:tabular-nums;white-space:nowrap}
tr.fail td{background:#fff8f8}
th.sortable{cursor:pointer;user-select:none}
th.sortable:hover{color:var(--ink)}
th[data-sort=asc]::after{content:" \u25B2";font-size:9px}
th[data-sort=desc]::after{content:" \u25BC";font-size:9px}
th.num{text-align:right}
td.args{font-family:var(--mono);font-size:11.5px;max-width:280px;overflow-wrap:anywhere}
tr.job{cursor:pointer}
tr.job:hover td{background:#f5f7fc}
tr.job.open td{background:#eef2ff}
tr.job.flash td{background:#fff6d6}
tr.job[data-outcome=failed] td[data-col=error],tr.job[data-outcome=killed] td[data-col=error]{color:#9b1c23}
tr.attempts>td{background:#fafbff;padding:4px 8px 10px 28px}
table.inner{font-size:12px;background:#fff;border:1px solid var(--line)}
.scroll.tall{max-height:720px}
input.short{min-width:0;width:150px}
input.bad{border-color:var(--fail)}
.chart-box{margin:6px 0 14px}
.chart-head{display:flex;gap:12px;align-items:baseline;font-size:13px;margin-bottom:2px}
svg.chart{display:block;max-width:1100px;font-family:var(--sans)}
svg.chart .tick{font-size:11px;fill:#4a5368;font-variant-numeric:tabular-nums}
svg.chart .axis-title{font-size:11px;fill:#667085}
svg.chart .legend-text{font-size:11.5px;fill:#3b4356}
svg.chart .bound-label{font-size:11px;fill:#9f1239;font-weight:600}
.markkey{display:inline-block;width:0;height:12px;border-left:2px solid}
.boundkey{display:inline-block;width:20px;border-top:2px dashed #9f1239}
td.better{color:var(--pass);font-weight:600}td.worse{color:var(--fail);font-weight:600}
.compare-table{margin:8px 0 12px;width:auto;min-width:60%}
.compare-table th{text-align:left}
.compare-table td{white-space:pre;padding-left:18px}
`;
