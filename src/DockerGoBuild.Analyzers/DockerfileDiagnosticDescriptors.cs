using System.Collections.Generic;
using System.Collections.Immutable;
using DockerGoBuild.Dockerfiles.Rules;
using Microsoft.CodeAnalysis;

namespace DockerGoBuild.Analyzers;

/// <summary>
/// One Roslyn <see cref="DiagnosticDescriptor"/> per core <see cref="RuleDescriptor"/>, built from
/// <see cref="Descriptors.All"/> so that a rule added to the core is reported without touching the adapter.
/// </summary>
internal static class DockerfileDiagnosticDescriptors
{
    private static readonly Dictionary<string, DiagnosticDescriptor> ById = Build();

    public static ImmutableArray<DiagnosticDescriptor> All { get; } = ImmutableArray.CreateRange(ById.Values);

    public static DiagnosticDescriptor For(RuleDescriptor rule) => ById[rule.Id];

    public static DiagnosticSeverity ToDiagnosticSeverity(RuleSeverity severity) => severity switch
    {
        RuleSeverity.Info => DiagnosticSeverity.Info,
        RuleSeverity.Error => DiagnosticSeverity.Error,
        _ => DiagnosticSeverity.Warning,
    };

    private static Dictionary<string, DiagnosticDescriptor> Build()
    {
        var byId = new Dictionary<string, DiagnosticDescriptor>();
        foreach (var rule in Descriptors.All)
        {
            // The core composes each message in full, so the Roslyn format only carries it through.
            byId.Add(rule.Id, new DiagnosticDescriptor(
                rule.Id,
                rule.Title,
                messageFormat: "{0}",
                rule.Category,
                ToDiagnosticSeverity(rule.DefaultSeverity),
                isEnabledByDefault: true,
                rule.Description,
                rule.HelpUri));
        }

        return byId;
    }
}
