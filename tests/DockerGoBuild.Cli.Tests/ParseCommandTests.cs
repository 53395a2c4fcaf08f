using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace DockerGoBuild.Cli.Tests;

/// <summary><c>dockergobuild parse</c> over BuildKit's own parser test cases in ../shared/corpus.</summary>
public class ParseCommandTests
{
    private static string BuildKitCases
    {
        get
        {
            var corpus = Environment.GetEnvironmentVariable("DOCKERGOBUILD_CORPUS");
            if (string.IsNullOrEmpty(corpus))
            {
                var root = new DirectoryInfo(AppContext.BaseDirectory);
                while (root != null && !File.Exists(Path.Combine(root.FullName, "DockerGoBuild.Analyzers.sln")))
                {
                    root = root.Parent;
                }

                corpus = Path.Combine(root?.FullName ?? ".", "..", "shared", "corpus");
            }

            return Path.Combine(corpus, "buildkit-parser");
        }
    }

    public static IEnumerable<object[]> Cases(string folder) =>
        Directory.GetDirectories(Path.Combine(BuildKitCases, folder)).OrderBy(d => d, StringComparer.Ordinal).Select(d => new object[] { Path.GetFileName(d) });

    [Theory]
    [MemberData(nameof(Cases), "testfiles")]
    public void Prints_BuildKit_s_expected_result_and_exits_0(string name)
    {
        var folder = Path.Combine(BuildKitCases, "testfiles", name);

        var result = Tool.Run("parse", Path.Combine(folder, "Dockerfile"), "--format", "buildkit");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(folder, "result")), result.Output);
    }

    [Theory]
    [MemberData(nameof(Cases), "testfiles-negative")]
    public void Rejects_a_negative_case_with_exit_code_1_and_a_located_error(string name)
    {
        var path = Path.Combine(BuildKitCases, "testfiles-negative", name, "Dockerfile");

        var result = Tool.Run("parse", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(result.Output);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith(path + "(", line);
        Assert.Contains("): error ", line);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_missing_file_is_bad_input_with_exit_code_2()
    {
        var result = Tool.Run("parse", Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "Dockerfile"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("file not found", result.Error);
    }
}
