// The auditcfg VS Code extension: starts `auditcfg lsp` (stdio) for the
// JSON and TOML files matching `auditcfg.files`, and passes the
// `auditcfg.environment` setting. Everything else happens in the server.
'use strict';
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function selector(globs) {
  const out = [];
  for (const pattern of globs) {
    for (const language of ['json', 'jsonc', 'toml']) {
      out.push({ scheme: 'file', language, pattern });
    }
    // Files whose language VS Code does not know (TOML without an extension installed).
    out.push({ scheme: 'file', pattern });
  }
  return out;
}

function settings() {
  const config = vscode.workspace.getConfiguration('auditcfg');
  return {
    command: config.get('path') || 'auditcfg',
    files: config.get('files') || ['**/audit*.json', '**/audit*.toml'],
    environment: config.get('environment') || null,
  };
}

async function start() {
  const s = settings();
  const run = { command: s.command, args: ['lsp'], transport: TransportKind.stdio };
  client = new LanguageClient(
    'auditcfg',
    'auditcfg',
    { run, debug: run },
    {
      documentSelector: selector(s.files),
      initializationOptions: { environment: s.environment },
      synchronize: { configurationSection: 'auditcfg' },
    },
  );
  await client.start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('auditcfg.restart', async () => {
      if (client) await client.stop();
      await start();
    }),
    vscode.commands.registerCommand('auditcfg.sealSecrets', async (uri) => {
      // Sealing needs a password: run the CLI in a terminal, where it asks.
      const file = uri ? vscode.Uri.parse(uri).fsPath : vscode.window.activeTextEditor?.document.uri.fsPath;
      if (!file) return;
      const terminal = vscode.window.createTerminal('auditcfg');
      terminal.show();
      const quoted = JSON.stringify(file);
      terminal.sendText(`${settings().command} encrypt --fields ${quoted} --output ${quoted}`);
    }),
  );
  await start();
}

async function deactivate() {
  if (client) await client.stop();
}

module.exports = { activate, deactivate };
