using DockerGoBuild.Dockerfiles.Fixes;
using DockerGoBuild.Dockerfiles.Secrets;
using DockerGoBuild.Dockerfiles.Semantics;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>DGB032: a secret mount that hands an SSH private key to the build. Fix: use <c>--mount=type=ssh</c>.</summary>
internal sealed class SshKeyMountedAsSecretRule : IDockerfileRule
{
    public RuleDescriptor Descriptor => Descriptors.SshKeyMountedAsSecret;

    public void Analyze(AnalysisContext context)
    {
        foreach (var fact in context.Model.Instructions)
        {
            if (fact.Effective.Kind != InstructionKind.Run)
            {
                continue;
            }

            foreach (var mount in fact.Mounts)
            {
                if (mount.Type != "secret" || !SecretMounts.IsSshKeySecretMount(mount.RawTarget, mount.Id))
                {
                    continue;
                }

                var fix = new[] { new TextEdit(mount.Flag.SourceSpan, "--mount=type=ssh") };
                context.Report(new Finding(Descriptor, mount.Flag.SourceSpan, Descriptor.MessageFormat, fact.Instruction.StartLine, fix, "Use '--mount=type=ssh'", "--ssh default"));
            }
        }
    }
}
