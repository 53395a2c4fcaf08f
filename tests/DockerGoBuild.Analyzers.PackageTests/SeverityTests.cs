using System.Linq;
using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

[Collection(PackageCollection.Name)]
public sealed class SeverityTests
{
    private readonly PackageFixture _package;

    public SeverityTests(PackageFixture package) => _package = package;

    [Fact]
    public void GlobalConfig_NoWarn_analysis_modes_and_the_opt_out_set_what_the_build_reports()
    {
        var repository = _package.NewRepository("severity");
        var project = repository.Project("Svc", "Svc");
        repository.Write("Svc/Dockerfile", "FROM golang:1.23\nRUN go build ./...\n");

        var byDefault = repository.Build(project);
        Assert.True(byDefault.ExitCode == 0, byDefault.ToString());
        Assert.Equal(new[] { "DGB001:warning", "DGB010:warning", "DGB011:warning" }, Levels(repository));

        // A .globalconfig of the user's raises one rule to an error: the build fails.
        repository.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.DGB010.severity = error\n");
        var raised = repository.Build(project, "--no-restore");
        Assert.NotEqual(0, raised.ExitCode);
        Assert.Contains(repository.PathOf("Svc/Dockerfile") + "(2,5): error DGB010", raised.Output);
        Assert.Equal(new[] { "DGB001:warning", "DGB010:error", "DGB011:warning" }, Levels(repository));

        // The strict preset makes every rule an error, but the user's .globalconfig still wins over it.
        repository.Write(".globalconfig", "is_global = true\ndotnet_diagnostic.DGB011.severity = none\n");
        var strict = repository.Build(project, "--no-restore", "-p:DockerGoBuildAnalysisMode=strict");
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Equal(new[] { "DGB001:error", "DGB010:error" }, Levels(repository));
        System.IO.File.Delete(repository.PathOf(".globalconfig"));

        // NoWarn silences a rule even under the strict preset.
        repository.Project("Svc", "Svc", properties: "<NoWarn>$(NoWarn);DGB010</NoWarn>");
        var silenced = repository.Build(project, "--no-restore", "-p:DockerGoBuildAnalysisMode=strict");
        Assert.Equal(new[] { "DGB001:error", "DGB011:error" }, Levels(repository));
        Assert.NotEqual(0, silenced.ExitCode);

        var none = repository.Build(project, "--no-restore", "-p:DockerGoBuildAnalysisMode=none");
        Assert.True(none.ExitCode == 0, none.ToString());
        Assert.Empty(Levels(repository));

        // Without discovery nothing is analysed.
        var optedOut = repository.Build(project, "--no-restore", "-p:DockerGoBuildEnableDefaultItems=false");
        Assert.True(optedOut.ExitCode == 0, optedOut.ToString());
        Assert.Empty(Levels(repository));
        Assert.DoesNotContain("DGB0", optedOut.Output);
    }

    private static string[] Levels(ConsumerRepository repository) =>
        repository.Results().Select(result => $"{result.RuleId}:{result.Level}").OrderBy(text => text, System.StringComparer.Ordinal).ToArray();
}
