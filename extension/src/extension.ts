// Placeholder until the extension issue lands: activation wires nothing yet.
export function activate(): void {}
export function deactivate(): void {}
