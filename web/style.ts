/** The one style sheet, served by duyet at /assets/duyet.css: system fonts, no CDN, readable from 390 px up. */
export const styleSheet = `
:root { --ink: #1b1f24; --muted: #4a5563; --line: #c9d1da; --accent: #0b5cad; --bg: #f6f8fa; --late: #a4161a; --now: #fff4cc; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f5a300; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.skip:focus { left: 8px; top: 8px; background: #fff; padding: 8px; z-index: 10; }
header.top { background: var(--accent); color: #fff; padding: 8px 16px; display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; }
header.top a, header.top button { color: #fff; }
header.top .brand { font-weight: 700; font-size: 1.2rem; text-decoration: none; }
header.top nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; margin: 0; padding: 0; }
header.top .who { margin-left: auto; display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
header.top form { display: inline; margin: 0; }
header.top button { background: transparent; border: 1px solid #fff; border-radius: 4px; padding: 2px 10px; font: inherit; cursor: pointer; }
.badge { display: inline-block; min-width: 1.6em; padding: 0 6px; border-radius: 999px; background: #fff; color: var(--accent); font-weight: 700; text-align: center; }
main { min-width: 0; overflow-wrap: anywhere; padding: 16px; max-width: 1200px; margin: 0 auto; }
h1 { font-size: 1.5rem; margin: 8px 0 16px; }
h2 { font-size: 1.2rem; margin: 24px 0 8px; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); }
.late { color: var(--late); font-weight: 600; }
.muted { color: var(--muted); }
.change { display: block; color: var(--muted); }
form.filters, form.stack { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-end; margin-bottom: 16px; }
form.stack { flex-direction: column; align-items: stretch; max-width: 420px; }
label { max-width: 100%; min-width: 0; display: flex; flex-direction: column; gap: 2px; font-weight: 600; }
label.check { flex-direction: row; align-items: center; gap: 8px; font-weight: 400; }
input, select, textarea, button { max-width: 100%; font: inherit; padding: 6px 8px; border: 1px solid #6b7683; border-radius: 4px; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
.error { border-left: 4px solid var(--late); background: #fdecec; padding: 8px 12px; }
.notice { border-left: 4px solid #1a7f37; background: #e9f7ee; padding: 8px 12px; }
ol.stages { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; padding: 0; counter-reset: stage; }
ol.stages li { border: 2px solid var(--line); border-radius: 6px; padding: 6px 10px; }
ol.stages li.visited { border-color: #1a7f37; }
ol.stages li.visited::before { content: "✓ "; color: #1a7f37; }
ol.stages li[aria-current] { border-color: var(--accent); background: var(--now); font-weight: 700; }
figure.diagram { margin: 12px 0 0; overflow-x: auto; }
svg.stage-diagram { width: 100%; min-width: 540px; max-width: 760px; height: auto; font-family: inherit; }
svg.stage-diagram text { font-size: 12px; fill: var(--ink); }
svg.stage-diagram text.label { fill: var(--muted); paint-order: stroke; stroke: #fff; stroke-width: 3px; }
svg.stage-diagram text.label.taken { fill: #1a7f37; font-weight: 700; }
svg.stage-diagram path.edge { fill: none; stroke: #8c959f; stroke-width: 1.3; }
svg.stage-diagram path.edge.taken { stroke: #1a7f37; stroke-width: 2.5; }
svg.stage-diagram .arrow.plain { fill: #8c959f; }
svg.stage-diagram .arrow.taken { fill: #1a7f37; }
svg.stage-diagram .node rect { fill: #fff; stroke: var(--line); stroke-width: 1.5; }
svg.stage-diagram .node.outcome rect { fill: var(--bg); }
svg.stage-diagram .node.visited rect { stroke: #1a7f37; stroke-width: 2; }
svg.stage-diagram .node.current rect { fill: var(--now); stroke: var(--accent); stroke-width: 3; }
svg.stage-diagram .node.current text, svg.stage-diagram .node.visited text { font-weight: 700; }
.decisions { display: grid; grid-template-columns: repeat(auto-fill, minmax(280px, 1fr)); gap: 16px; }
.decisions form { border: 1px solid var(--line); border-radius: 6px; padding: 12px; display: flex; flex-direction: column; gap: 8px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
form.wide { display: flex; flex-direction: column; gap: 12px; max-width: 760px; }
fieldset { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; display: flex; flex-direction: column; gap: 8px; min-width: 0; }
[hidden] { display: none !important; }
legend { font-weight: 700; padding: 0 4px; }
.field { display: flex; flex-direction: column; gap: 2px; min-width: 0; }
.field label { font-weight: 600; }
.field.invalid input, .field.invalid textarea { border-color: var(--late); border-width: 2px; }
.field-error { color: var(--late); font-weight: 600; }
caption { text-align: left; font-weight: 700; padding: 4px 0; }
ul.files { margin: 0; padding-left: 18px; }
.full { flex-basis: 100%; margin: 0; }
.warning { border-left: 4px solid #9a6700; background: #fff8c5; padding: 8px 12px; }
ul.findings { list-style: none; padding: 0; display: flex; flex-direction: column; gap: 8px; }
li.finding { border: 1px solid var(--line); border-left-width: 4px; border-radius: 4px; padding: 8px 12px; }
li.finding.block { border-left-color: var(--late); }
li.finding.exception { border-left-color: #9a6700; }
li.finding p { margin: 4px 0; }
fieldset .row { display: flex; flex-wrap: wrap; gap: 8px 16px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px 16px; }
footer { padding: 16px; color: var(--muted); text-align: center; }
ul.plain { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 4px; }
td input { width: 100%; min-width: 9em; }
@media (max-width: 640px) {
  table.cards thead { position: absolute; left: -10000px; }
  table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td { display: block; width: 100%; }
  table.cards tr { border: 1px solid var(--line); border-radius: 6px; margin-bottom: 12px; }
  table.cards td[data-label]::before { content: attr(data-label); display: block; font-weight: 600; color: var(--muted); }
}
`;
