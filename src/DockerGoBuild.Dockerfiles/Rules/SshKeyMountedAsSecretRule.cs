using System;
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
        for (var index = context.FirstRun; index < runs.Count; index++)
        {
            AnalysisCancellation.PollAt(index);
            var fact = facts[runs[index]];
            // Read in place: a mount is a struct of several references, which a copy moves with write barriers.
            foreach (ref readonly var mount in fact.Mounts.AsSpan())
            {
                if (mount.Type != "secret" || !SecretMounts.IsSshKeySecretMount(mount.RawTarget, mount.Id))
                {
                    continue;
                }

                // With env= the command reads the key's text from a variable: an SSH mount would leave it empty.
                var span = mount.Flag.SourceSpan;
                var startLine = fact.Instruction.StartLine;
                context.Report(mount.Env is not null
                    ? new Finding(Descriptor, span, Descriptor.MessageFormat, startLine, fix: null, fixTitle: null, "--ssh default")
                    : Finding.WithOneEdit(Descriptor, span, Descriptor.MessageFormat, startLine, span, "--mount=type=ssh", "Use '--mount=type=ssh'", "--ssh default"));
            }
        }
    }
}
