/** Bundles the extension into outDir (default extension/dist); resolves with the path of extension.cjs. */
export function buildExtension(outDir?: string): Promise<string>;
