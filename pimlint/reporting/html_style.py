"""The HTML report's stylesheet (system fonts only, print-friendly)."""

STYLE = """
:root{--ink:#111827;--muted:#6b7280;--line:#e5e7eb;--bg:#f6f7f9;--brand:#1e3a5f}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg)}
.wrap{max-width:1080px;margin:0 auto;padding:0 24px}
.hero{background:linear-gradient(135deg,#1e3a5f,#2c5282);color:#fff;padding:28px 0 24px;margin-bottom:24px}
.hero h1{margin:4px 0 6px;font-size:30px;font-weight:650}
.eyebrow{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;opacity:.8}
.meta{margin:2px 0;opacity:.85;font-size:14px}
h2{font-size:20px;margin:0 0 12px}
h3{font-size:16px;margin:0 0 10px}
h4{font-size:13px;margin:12px 0 4px;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
section{margin-bottom:20px}
.card{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px 22px;margin-bottom:16px}
.summary{display:flex;gap:28px;align-items:flex-start}
.gauge-box{flex:0 0 240px}
.gauge{width:240px}
.gauge-value{font-size:44px;font-weight:700}
.gauge-caption{font-size:12px}
.gauge-grade{font-size:17px;font-weight:700}
.exec{flex:1}
.lead{font-size:16px;margin:0 0 14px}
.tiles{display:grid;grid-template-columns:repeat(6,1fr);gap:10px;margin-bottom:14px}
.tile{border-radius:8px;padding:10px 12px;background:#f3f4f6;border-top:4px solid #9ca3af}
.tile-value{display:block;font-size:22px;font-weight:700}
.tile-label{display:block;font-size:12px;color:var(--muted)}
.tile.sev-critical{border-top-color:#9f1239}.tile.sev-high{border-top-color:#e8590c}
.tile.sev-medium{border-top-color:#d4a017}.tile.sev-low{border-top-color:#2f6fb0}
.kpi .tile-value{font-size:18px}
.risks{margin:0;padding-left:20px}.risks li{margin:4px 0}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.grid .card{margin-bottom:0}
.bars{width:100%;max-width:560px}
.bar-label{font-size:13px;fill:#374151}.bar-value{font-size:12px;fill:#374151}
.badge{display:inline-block;white-space:nowrap;border-radius:999px;padding:1px 9px;font-size:11px;font-weight:700;text-transform:uppercase;color:#fff;vertical-align:middle}
.sev-critical{background:#9f1239}.sev-high{background:#e8590c}.sev-medium{background:#b8860b}
.sev-low{background:#2f6fb0}.sev-info{background:#6b7280}
.tile.sev-critical,.tile.sev-high,.tile.sev-medium,.tile.sev-low{background:#f3f4f6}
.rule{border-left:5px solid #9ca3af}
.sev-border-critical{border-left-color:#9f1239}.sev-border-high{border-left-color:#e8590c}
.sev-border-medium{border-left-color:#d4a017}.sev-border-low{border-left-color:#2f6fb0}
.count{font-weight:400;color:var(--muted);font-size:13px;margin-left:6px}
table{width:100%;border-collapse:collapse;font-size:13.5px;margin:6px 0}
th{text-align:left;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);border-bottom:2px solid var(--line);padding:6px 8px}
td{border-bottom:1px solid var(--line);padding:7px 8px;vertical-align:top;overflow-wrap:anywhere}
.ea{color:var(--muted);font-size:12.5px;margin-top:2px}
.advice{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.advice p{margin:0;font-size:13.5px}
.refs{margin:0;padding-left:18px;font-size:13px;columns:2}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:#f3f4f6;padding:1px 5px;border-radius:4px}
.state{font-weight:600;font-size:12.5px}
.state.fail{color:#b42318}.state.pass{color:#1a7f37}.state.not_evaluated{color:var(--muted)}.state.waived{color:#b8860b}
.note{color:var(--muted);font-size:13.5px}
.ok{color:#1a7f37;font-weight:600}
.error{color:#b42318;font-weight:600}
a{color:#1e4e8c}
footer{color:var(--muted);font-size:12.5px;padding:10px 24px 36px}
@media (max-width:800px){.summary,.grid,.advice{display:block}.tiles{grid-template-columns:repeat(3,1fr)}}
@media print{body{background:#fff}.card{break-inside:avoid}.hero{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""
