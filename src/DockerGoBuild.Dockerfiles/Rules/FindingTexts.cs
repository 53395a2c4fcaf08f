namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>
/// What a rule needs to word one finding (a name, a reason), from which the finding makes its message, fix title and
/// build flag when they are first read. A lint of a large file reports thousands of findings whose messages run to
/// hundreds of characters and live until the analysis ends: made as strings up front they were most of what the
/// analysis allocated and the collector moved, while a build that counts warnings, or a finding filtered by a
/// suppression, never reads them.
/// </summary>
internal abstract class FindingTexts
{
    /// <summary>Says what is wrong and what to do; never contains a secret's value.</summary>
    public abstract string Message();

    /// <summary>The title of the finding's fix; null when it has none.</summary>
    public abstract string? FixTitle();

    /// <summary>The <c>docker build</c> flag a build needs once the fix is applied; null when it needs none.</summary>
    public abstract string? BuildFlag();
}
