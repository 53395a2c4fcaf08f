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
        var model = context.Model;
        var facts = model.Instructions;
        var runs = model.RunIndexes;
        for (var index = 0; index < runs.Count; index++)
        {
            AnalysisCancellation.PollAt(index);
            var fact = facts[runs[index]];
            foreach (var mount in fact.Mounts)
            {
                if (mount.Type != "secret" || !SecretMounts.IsSshKeySecretMount(mount.RawTarget, mount.Id))
                {
                    continue;
                }

                // With env= the command reads the key's text from a variable: an SSH mount would leave it empty.
                var fix = mount.Env is not null ? null : new[] { new TextEdit(mount.Flag.SourceSpan, "--mount=type=ssh") };
                context.Report(new Finding(Descriptor, mount.Flag.SourceSpan, Descriptor.MessageFormat, fact.Instruction.StartLine, fix, fix is null ? null : "Use '--mount=type=ssh'", "--ssh default"));
            }
        }
    }
}
