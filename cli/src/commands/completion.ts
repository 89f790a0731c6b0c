import { Args } from '@oclif/core';
import { KuberikCommand } from '../lib/base-command.js';
import { LOCAL_EXIT_CODES_HELP } from '../lib/exit-codes.js';
import { localFlags, type globalFlags } from '../lib/flags.js';

const BASH = `# kubectl-kuberik completion for bash. Load it with:
#   source <(kubectl kuberik completion bash)
# (\`kubectl kuberik <TAB>\` also works through kubectl's own completion via kubectl_complete-kuberik.)
_kubectl_kuberik() {
  local IFS=$'\\n' out
  out=$(kubectl-kuberik __complete "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return
  local directive=\${out##*:}
  COMPREPLY=( $(printf '%s\\n' "$out" | grep -v '^:') )
  if [ "\${#COMPREPLY[@]}" -eq 0 ] && [ "$directive" = "0" ]; then
    COMPREPLY=( $(compgen -f -- "\${COMP_WORDS[COMP_CWORD]}") )
  fi
}
complete -F _kubectl_kuberik kubectl-kuberik
`;

const ZSH = `#compdef kubectl-kuberik
# kubectl-kuberik completion for zsh. Load it with:
#   source <(kubectl kuberik completion zsh)
_kubectl_kuberik() {
  local -a lines
  lines=("\${(@f)$(kubectl-kuberik __complete "\${(@)words[2,CURRENT]}" 2>/dev/null)}")
  local directive=\${lines[-1]#:}
  lines=(\${lines:#:*})
  if (( \${#lines} == 0 )) && [[ $directive == 0 ]]; then _files; return; fi
  compadd -- \${lines}
}
compdef _kubectl_kuberik kubectl-kuberik
`;

export default class Completion extends KuberikCommand {
  static override summary =
    'Print a shell completion script (bash or zsh): commands, flags, rollout names, versions.';
  static override description = LOCAL_EXIT_CODES_HELP;
  static override baseFlags = localFlags as unknown as typeof globalFlags; // typed as the base; only no-color and debug
  static override examples = [
    'source <(<%= config.bin %> completion bash)',
    '<%= config.bin %> completion zsh > "${fpath[1]}/_kubectl-kuberik"',
  ];
  static override args = {
    shell: Args.string({ options: ['bash', 'zsh'], required: true, description: 'Shell.' }),
  };

  async run(): Promise<void> {
    const { args } = await this.parse(Completion);
    process.stdout.write(args.shell === 'zsh' ? ZSH : BASH);
    this.done();
  }
}
