namespace DockerGoBuild.Dockerfiles.Rules;

/// <summary>A rule: a pure function from the shared analysis context to findings.</summary>
internal interface IDockerfileRule
{
    RuleDescriptor Descriptor { get; }

    void Analyze(AnalysisContext context);
}
