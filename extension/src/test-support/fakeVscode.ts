// A small hand-written fake of the slice of the `vscode` API the extension uses. Tests install it with
// `vi.mock('vscode', () => import('../test-support/fakeVscode.js'))`, script the user's answers in
// `fake.answers`, and read what the user saw in `fake.messages`. Grow it as the extension grows.
type Listener<T> = (e: T) => unknown;

export class Disposable {
  constructor(private readonly fn: () => void = () => undefined) {}
  dispose(): void {
    this.fn();
  }
}

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly fired: T[] = [];
  event = (l: Listener<T>): Disposable => {
    this.listeners.push(l);
    return new Disposable(() => (this.listeners = this.listeners.filter((x) => x !== l)));
  };
  fire(e: T): void {
    this.fired.push(e);
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export enum TreeItemCollapsibleState {
  None = 0,
  Collapsed = 1,
  Expanded = 2,
}
export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}
export enum ProgressLocation {
  SourceControl = 1,
  Window = 10,
  Notification = 15,
}
export enum ViewColumn {
  Active = -1,
  One = 1,
}
export enum ConfigurationTarget {
  Global = 1,
  Workspace = 2,
  WorkspaceFolder = 3,
}

export class ThemeColor {
  constructor(public readonly id: string) {}
}
export class ThemeIcon {
  constructor(
    public readonly id: string,
    public readonly color?: ThemeColor,
  ) {}
}

export class MarkdownString {
  isTrusted = false;
  constructor(
    public value = '',
    public supportThemeIcons = false,
  ) {}
}

export class TreeItem {
  command?: { command: string; title: string; arguments?: unknown[] };
  id?: string;
  description?: string;
  contextValue?: string;
  tooltip?: string | MarkdownString;
  iconPath?: ThemeIcon;
  constructor(
    public label: string,
    public collapsibleState: TreeItemCollapsibleState = TreeItemCollapsibleState.None,
  ) {}
}

export class Uri {
  private constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  static from(c: { scheme: string; path: string }): Uri {
    return new Uri(c.scheme, c.path);
  }
  static parse(s: string): Uri {
    const i = s.indexOf(':');
    return new Uri(s.slice(0, i), s.slice(i + 1));
  }
  toString(): string {
    return `${this.scheme}:${this.path}`;
  }
}

export interface Shown {
  level: 'info' | 'warning' | 'error' | 'status';
  text: string;
  items: string[];
}

/** Everything the fake records and every scripted answer, reset by resetFake(). */
export const fake = {
  messages: [] as Shown[],
  /** Answers for showInputBox / showQuickPick / modal messages / message buttons, in order. `undefined` = Escape. */
  answers: [] as unknown[],
  /** Prompts the extension opened, in order (input box titles, quick pick titles, modal texts). */
  prompts: [] as { kind: 'input' | 'quickPick' | 'modal'; title?: string; items?: string[] }[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  contextKeys: new Map<string, unknown>(),
  settings: new Map<string, unknown>(),
  settingsEmitter: new EventEmitter<{ affectsConfiguration(s: string): boolean }>(),
  clipboard: '',
  statusItems: [] as FakeStatusBarItem[],
  contentProviders: new Map<string, { provideTextDocumentContent(uri: Uri): string | Promise<string> }>(),
  openedDocuments: [] as { uri: Uri; text: string }[],
  treeViews: [] as { id: string; message?: string }[],
  panels: [] as FakeWebviewPanel[],
};

export function resetFake(): void {
  fake.messages.length = 0;
  fake.answers.length = 0;
  fake.prompts.length = 0;
  fake.commands.clear();
  fake.contextKeys.clear();
  fake.settings.clear();
  fake.settingsEmitter = new EventEmitter();
  fake.clipboard = '';
  fake.statusItems.length = 0;
  fake.contentProviders.clear();
  fake.openedDocuments.length = 0;
  fake.treeViews.length = 0;
  fake.panels.length = 0;
}

/** A webview panel: what the extension set and posted, and a way to post from the "page". */
export class FakeWebviewPanel {
  readonly posted: unknown[] = [];
  readonly fromPage = new EventEmitter<unknown>();
  readonly viewState = new EventEmitter<unknown>();
  readonly disposed = new EventEmitter<void>();
  visible = true;
  revealed = 0;
  isDisposed = false;
  readonly webview = {
    html: '',
    cspSource: 'vscode-webview://fake',
    postMessage: async (m: unknown) => {
      this.posted.push(m);
      return true;
    },
    onDidReceiveMessage: (l: Listener<unknown>) => this.fromPage.event(l),
  };
  constructor(
    readonly viewType: string,
    public title: string,
    readonly options: unknown,
  ) {}
  onDidChangeViewState = (l: Listener<unknown>) => this.viewState.event(l);
  onDidDispose = (l: Listener<void>) => this.disposed.event(l);
  reveal(): void {
    this.revealed++;
  }
  dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposed.fire();
  }
  /** The body the page shows now: the last render message, else the document's #root. */
  get shownBody(): string {
    const last = [...this.posted].reverse().find((m) => (m as { type?: string }).type === 'render') as
      { html: string } | undefined;
    return last?.html ?? this.webview.html;
  }
}

const nextAnswer = (): unknown => fake.answers.shift();

class FakeStatusBarItem {
  text = '';
  tooltip?: string;
  name?: string;
  command?: string;
  visible = false;
  constructor(readonly id: string) {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.visible = false;
  }
}

function message(level: Shown['level']) {
  return async (text: string, ...rest: unknown[]): Promise<string | undefined> => {
    const opts = rest[0] && typeof rest[0] === 'object' ? (rest.shift() as { modal?: boolean }) : undefined;
    const items = rest.filter((r): r is string => typeof r === 'string');
    fake.messages.push({ level, text, items });
    if (opts?.modal) fake.prompts.push({ kind: 'modal', title: text, items });
    if (opts?.modal || items.length) return nextAnswer() as string | undefined;
    return undefined;
  };
}

export const window = {
  createTreeView<T>(id: string, opts: { treeDataProvider: T }) {
    const view = { id, ...opts, message: undefined as string | undefined, dispose() {} };
    fake.treeViews.push(view);
    return view;
  },
  createWebviewPanel(viewType: string, title: string, _column: unknown, options: unknown): FakeWebviewPanel {
    const panel = new FakeWebviewPanel(viewType, title, options);
    fake.panels.push(panel);
    return panel;
  },
  createStatusBarItem(id: string): FakeStatusBarItem {
    const item = new FakeStatusBarItem(id);
    fake.statusItems.push(item);
    return item;
  },
  showInformationMessage: message('info'),
  showWarningMessage: message('warning'),
  showErrorMessage: message('error'),
  setStatusBarMessage(text: string): Disposable {
    fake.messages.push({ level: 'status', text, items: [] });
    return new Disposable();
  },
  async showInputBox(opts: { title?: string }): Promise<string | undefined> {
    fake.prompts.push({ kind: 'input', title: opts.title });
    return nextAnswer() as string | undefined;
  },
  async showQuickPick<T extends { label: string }>(
    items: T[],
    opts: { title?: string; canPickMany?: boolean },
  ): Promise<T | T[] | undefined> {
    fake.prompts.push({ kind: 'quickPick', title: opts.title, items: items.map((i) => i.label) });
    const answer = nextAnswer();
    if (answer === undefined) return undefined;
    const pick = (label: unknown) => {
      const found = items.find((i) => i.label === label);
      if (!found)
        throw new Error(
          `fake quick pick: no item ${String(label)} in ${items.map((i) => i.label).join(', ')}`,
        );
      return found;
    };
    return Array.isArray(answer) ? answer.map(pick) : pick(answer);
  },
  async withProgress<R>(_opts: unknown, task: () => Promise<R>): Promise<R> {
    return task();
  },
  async showTextDocument(doc: { uri: Uri; getText(): string }): Promise<void> {
    fake.openedDocuments.push({ uri: doc.uri, text: doc.getText() });
  },
};

export const commands = {
  registerCommand(id: string, fn: (...args: unknown[]) => unknown): Disposable {
    fake.commands.set(id, fn);
    return new Disposable(() => fake.commands.delete(id));
  },
  async executeCommand(id: string, ...args: unknown[]): Promise<unknown> {
    if (id === 'setContext') {
      fake.contextKeys.set(args[0] as string, args[1]);
      return undefined;
    }
    const fn = fake.commands.get(id);
    if (!fn) throw new Error(`command '${id}' not found`);
    return fn(...args);
  },
};

export const workspace = {
  getConfiguration(section: string) {
    return {
      get: (key: string) => fake.settings.get(`${section}.${key}`),
      async update(key: string, value: unknown) {
        const full = `${section}.${key}`;
        if (value === undefined) fake.settings.delete(full);
        else fake.settings.set(full, value);
        fake.settingsEmitter.fire({
          affectsConfiguration: (s: string) => full === s || full.startsWith(`${s}.`),
        });
      },
    };
  },
  onDidChangeConfiguration(l: Listener<{ affectsConfiguration(s: string): boolean }>): Disposable {
    return fake.settingsEmitter.event(l);
  },
  registerTextDocumentContentProvider(
    scheme: string,
    p: { provideTextDocumentContent(uri: Uri): string | Promise<string> },
  ): Disposable {
    fake.contentProviders.set(scheme, p);
    return new Disposable(() => fake.contentProviders.delete(scheme));
  },
  get textDocuments() {
    return fake.openedDocuments.map((d) => ({ uri: d.uri }));
  },
  async openTextDocument(uri: Uri) {
    const p = fake.contentProviders.get(uri.scheme);
    if (!p) throw new Error(`no content provider for ${uri.scheme}`);
    const text = await p.provideTextDocumentContent(uri);
    return { uri, getText: () => text };
  },
};

export const env = {
  clipboard: {
    async writeText(text: string): Promise<void> {
      fake.clipboard = text;
    },
  },
};
