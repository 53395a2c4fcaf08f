namespace DockerGoBuild.Analyzers;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that the code fix reads.</summary>
public static class DiagnosticProperties
{
    /// <summary>"true" when the core offers a fix for this finding, "false" otherwise.</summary>
    public const string Fixable = "Fixable";

    /// <summary>The fix's title, present only when the finding is fixable.</summary>
    public const string FixTitle = "FixTitle";
}
