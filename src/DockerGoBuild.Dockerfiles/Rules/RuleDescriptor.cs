namespace DockerGoBuild.Dockerfiles.Rules;

public enum RuleSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>What a rule is: its id, title, default severity and documentation page.</summary>
public sealed class RuleDescriptor
{
    /// <summary>Where the rule pages live; each rule's page is <c>{HelpBase}/{Id}.md</c>.</summary>
    public const string HelpBase = "https://github.com/dockergobuild/DockerGoBuild.Analyzers/blob/main/docs/rules";

    public RuleDescriptor(string id, string name, string title, string messageFormat, RuleSeverity defaultSeverity, bool hasFix, string description)
    {
        Id = id;
        Name = name;
        Title = title;
        MessageFormat = messageFormat;
        DefaultSeverity = defaultSeverity;
        HasFix = hasFix;
        Description = description;
    }

    /// <summary>DGB001, DGB010, ...</summary>
    public string Id { get; }

    /// <summary>The rule's name in PascalCase, e.g. GoModuleCacheNotMounted.</summary>
    public string Name { get; }

    public string Title { get; }

    /// <summary>The shape of the rule's messages, for documentation and SARIF (messages are composed by the rule).</summary>
    public string MessageFormat { get; }

    public RuleSeverity DefaultSeverity { get; }

    /// <summary>True when the rule offers a fix (at least where it can be sure of one).</summary>
    public bool HasFix { get; }

    public string Description { get; }

    public string Category => "Dockerfile";

    public string HelpUri => $"{HelpBase}/{Id}.md";

    public override string ToString() => Id;
}
