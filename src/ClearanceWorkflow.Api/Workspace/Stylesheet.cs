namespace ClearanceWorkflow.Api.Workspace;

/// <summary>The workspace's one stylesheet, served from the service (the CSP allows styles from 'self' only). Contrast at least 4.5:1.</summary>
internal static class Stylesheet
{
    public const string Css = """
        :root { --ink: #1b1f24; --muted: #4a5560; --line: #c4ccd4; --accent: #0b4f8a; --bad: #a11a1a; --ok: #1d6b35; --warn-bg: #fff4ce; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 16px/1.5 system-ui, sans-serif; color: var(--ink); background: #fff; }
        a { color: var(--accent); }
        a:focus, button:focus, input:focus, select:focus, textarea:focus, summary:focus { outline: 3px solid #f0a500; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; }
        .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; z-index: 10; }
        header.top { display: flex; flex-wrap: wrap; gap: 1rem; align-items: center; padding: .5rem 1rem; background: #0b2e4f; color: #fff; }
        header.top a { color: #fff; }
        header.top nav ul { display: flex; flex-wrap: wrap; gap: 1rem; list-style: none; margin: 0; padding: 0; }
        header.top .who { margin-left: auto; display: flex; gap: .75rem; align-items: center; }
        header.top button { background: #fff; color: #0b2e4f; border: 0; padding: .25rem .75rem; border-radius: 3px; cursor: pointer; }
        .dev { background: var(--warn-bg); color: #5c3b00; border-bottom: 2px solid #8a6100; padding: .4rem 1rem; font-weight: 600; }
        main { padding: 1rem; max-width: 72rem; }
        h1 { font-size: 1.6rem; margin: .5rem 0 1rem; }
        h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; border-bottom: 1px solid var(--line); }
        h3 { font-size: 1.05rem; margin: 1rem 0 .25rem; }
        table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
        th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #eef2f6; }
        .overdue { color: var(--bad); font-weight: 700; }
        .ok { color: var(--ok); font-weight: 700; }
        .bad { color: var(--bad); font-weight: 700; }
        .result { padding: .75rem 1rem; border: 2px solid; margin: 1rem 0; font-size: 1.1rem; }
        .result.ok { border-color: var(--ok); background: #e9f6ee; }
        .result.bad { border-color: var(--bad); background: #fbeaea; }
        .error { color: var(--bad); border: 2px solid var(--bad); background: #fbeaea; padding: .5rem 1rem; margin: 1rem 0; }
        .notice { color: var(--ok); border: 2px solid var(--ok); background: #e9f6ee; padding: .5rem 1rem; margin: 1rem 0; }
        form.action, form.panel { border: 1px solid var(--line); padding: .75rem 1rem; margin: .75rem 0; background: #f8fafc; }
        fieldset { border: 1px solid var(--line); margin: .5rem 0; }
        label { display: block; font-weight: 600; margin-top: .5rem; }
        label.inline { display: inline; font-weight: 400; margin: 0 1rem 0 .25rem; }
        input[type=text], input[type=datetime-local], input[type=date], input[type=number], select, textarea { width: 100%; max-width: 40rem; padding: .35rem; border: 1px solid #6b7782; border-radius: 3px; font: inherit; }
        textarea { min-height: 4rem; }
        button.primary { margin-top: .75rem; background: var(--accent); color: #fff; border: 0; padding: .45rem 1rem; border-radius: 3px; font: inherit; cursor: pointer; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
        dl.facts dt { font-weight: 600; color: var(--muted); }
        dl.facts dd { margin: 0; }
        ol.timeline { border-left: 3px solid var(--line); padding-left: 1.25rem; }
        ol.timeline li { margin-bottom: .5rem; }
        .muted { color: var(--muted); }
        pre { white-space: pre-wrap; word-break: break-all; background: #f3f5f7; padding: .5rem; }
        """;
}
