using System.IO;
using System.Linq;
using DockerGoBuild.Dockerfiles.Rules;
using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

/// <summary>The severity presets the package ships cover every rule, at a level a user's .globalconfig overrides.</summary>
public sealed class PresetTests
{
    [Theory]
    [InlineData("default", "warning")]
    [InlineData("strict", "error")]
    [InlineData("none", "none")]
    public void Each_preset_sets_every_rule_below_the_users_global_level(string mode, string severity)
    {
        var path = Path.Combine(PackageFixture.RepositoryRoot, "src", "DockerGoBuild.Analyzers.Package", "build", "config", $"DockerGoBuild.{mode}.globalconfig");
        var lines = File.ReadAllLines(path).Where(line => line.Length > 0 && !line.StartsWith('#')).ToList();

        Assert.Contains("is_global = true", lines);
        // A user's .globalconfig has level 100 unless it says otherwise; the preset must stay below it.
        var level = int.Parse(lines.Single(line => line.StartsWith("global_level", System.StringComparison.Ordinal)).Split('=')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(level < 100, $"global_level {level}");
        Assert.Equal(
            Descriptors.All.Select(rule => $"dotnet_diagnostic.{rule.Id}.severity = {severity}").OrderBy(line => line, System.StringComparer.Ordinal),
            lines.Where(line => line.StartsWith("dotnet_diagnostic.", System.StringComparison.Ordinal)).OrderBy(line => line, System.StringComparer.Ordinal));
    }
}
