using System.IO;
using System.Linq;
using System.Text.Json;
using DockerGoBuild.Dockerfiles.Rules;
using Xunit;

namespace DockerGoBuild.Cli.Tests;

public class LintFormatTests
{
    [Fact]
    public void Text_lines_carry_path_1_based_position_severity_id_and_message()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", Dockerfiles.UnknownInstructionOnLine3);

        var result = Tool.Run("lint", path);

        Assert.Equal(new[] { $"{path}(3,1): warning DGB000: Unknown instruction 'FROOM'" }, result.OutputLines);
    }

    [Fact]
    public void Json_is_one_document_with_1_based_positions()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", Dockerfiles.UnknownInstructionOnLine3);
        folder.Write("clean/Dockerfile", Dockerfiles.Clean);

        var json = Tool.Run("lint", folder.Path, "--format", "json").OutputJson;

        Assert.Equal(2, json.GetProperty("files").GetInt32());
        var diagnostic = Assert.Single(json.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal(path, diagnostic.GetProperty("file").GetString());
        Assert.Equal(3, diagnostic.GetProperty("line").GetInt32());
        Assert.Equal(1, diagnostic.GetProperty("column").GetInt32());
        Assert.Equal(3, diagnostic.GetProperty("endLine").GetInt32());
        Assert.Equal(6, diagnostic.GetProperty("endColumn").GetInt32());
        Assert.Equal(3, diagnostic.GetProperty("instructionLine").GetInt32());
        Assert.Equal("DGB000", diagnostic.GetProperty("id").GetString());
        Assert.Equal("warning", diagnostic.GetProperty("severity").GetString());
        Assert.Equal("Unknown instruction 'FROOM'", diagnostic.GetProperty("message").GetString());
        Assert.Equal(JsonValueKind.False, diagnostic.GetProperty("fixable").ValueKind);
    }

    [Fact]
    public void Json_reports_fixable_findings()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", Dockerfiles.MissingSyntax);

        var diagnostic = Assert.Single(Tool.Run("lint", path, "--format", "json").OutputJson.GetProperty("diagnostics").EnumerateArray());

        Assert.Equal("DGB001", diagnostic.GetProperty("id").GetString());
        Assert.True(diagnostic.GetProperty("fixable").GetBoolean());
    }

    [Fact]
    public void Columns_do_not_count_a_byte_order_mark()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(System.Text.Encoding.UTF8.GetBytes(Dockerfiles.MissingSyntax)).ToArray());

        var diagnostic = Assert.Single(Tool.Run("lint", path, "--format", "json").OutputJson.GetProperty("diagnostics").EnumerateArray());

        Assert.Equal(1, diagnostic.GetProperty("column").GetInt32());
        Assert.Equal(13, diagnostic.GetProperty("endColumn").GetInt32());
    }

    [Fact]
    public void Sarif_lists_every_rule_and_points_results_at_them()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", Dockerfiles.UnknownInstructionOnLine3);

        var log = Tool.Run("lint", path, "--format", "sarif").OutputJson;

        Assert.Equal("2.1.0", log.GetProperty("version").GetString());
        Assert.Contains("sarif", log.GetProperty("$schema").GetString());
        var run = Assert.Single(log.GetProperty("runs").EnumerateArray());
        var driver = run.GetProperty("tool").GetProperty("driver");
        Assert.Equal("dockergobuild", driver.GetProperty("name").GetString());
        Assert.StartsWith("https://", driver.GetProperty("informationUri").GetString());

        var rules = driver.GetProperty("rules").EnumerateArray().ToArray();
        Assert.Equal(Descriptors.All.Select(descriptor => descriptor.Id), rules.Select(rule => rule.GetProperty("id").GetString()));
        foreach (var (rule, descriptor) in rules.Zip(Descriptors.All))
        {
            Assert.Equal(descriptor.Name, rule.GetProperty("name").GetString());
            Assert.Equal(descriptor.Title, rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.Equal(descriptor.Description, rule.GetProperty("fullDescription").GetProperty("text").GetString());
            Assert.Equal(descriptor.HelpUri, rule.GetProperty("helpUri").GetString());
            Assert.Equal("warning", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
        }

        var result = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("DGB000", result.GetProperty("ruleId").GetString());
        Assert.Equal("DGB000", rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
        Assert.Equal("warning", result.GetProperty("level").GetString());
        Assert.Equal("Unknown instruction 'FROOM'", result.GetProperty("message").GetProperty("text").GetString());
        var location = Assert.Single(result.GetProperty("locations").EnumerateArray()).GetProperty("physicalLocation");
        Assert.Equal(new System.Uri(path).AbsoluteUri, location.GetProperty("artifactLocation").GetProperty("uri").GetString());
        var region = location.GetProperty("region");
        Assert.Equal(
            new[] { 3, 1, 3, 6 },
            new[] { "startLine", "startColumn", "endLine", "endColumn" }.Select(name => region.GetProperty(name).GetInt32()));
    }

    [Fact]
    public void Output_option_writes_the_report_to_the_file()
    {
        using var folder = new TempFolder();
        var path = folder.Write("Dockerfile", Dockerfiles.MissingSyntax);
        var reportPath = folder.Combine("report.json");

        var toFile = Tool.Run("lint", path, "--format", "json", "--output", reportPath);
        var toStdout = Tool.Run("lint", path, "--format", "json");

        Assert.Equal(ExitCodes.Findings, toFile.ExitCode);
        Assert.Equal(string.Empty, toFile.Output);
        Assert.Equal(toStdout.Output, File.ReadAllText(reportPath));
    }

    [Fact]
    public void Stats_prints_one_final_json_line_on_stderr()
    {
        using var folder = new TempFolder();
        folder.Write("a/Dockerfile", Dockerfiles.MissingSyntax);
        folder.Write("b/Dockerfile", "# syntax=docker/dockerfile:1\r\nFROM scratch");

        var result = Tool.Run("lint", folder.Path, "--stats", "--repeat", "3");

        var stats = JsonDocument.Parse(result.ErrorLines.Last()).RootElement;
        Assert.True(stats.GetProperty("stats").GetBoolean());
        Assert.Equal(2, stats.GetProperty("files").GetInt32());
        Assert.Equal(3, stats.GetProperty("lines").GetInt32());
        Assert.Equal(13 + 42, stats.GetProperty("bytes").GetInt32());
        Assert.Equal(1, stats.GetProperty("diagnostics").GetInt32());
        var passes = stats.GetProperty("analysisMs").EnumerateArray().Select(pass => pass.GetDouble()).ToArray();
        Assert.Equal(3, passes.Length);
        Assert.All(passes, milliseconds => Assert.True(milliseconds >= 0));
        Assert.True(stats.GetProperty("readMs").GetDouble() >= 0);
        Assert.Equal(System.Environment.ProcessorCount, stats.GetProperty("jobs").GetInt32());
        Assert.Single(result.OutputLines);
    }

    [Fact]
    public void Files_analysed_at_once_are_reported_in_the_order_of_one_after_another()
    {
        using var folder = new TempFolder();
        for (var i = 0; i < 40; i++)
        {
            // Sizes differ so that files finish out of order when analysed at once.
            folder.Write($"app{i:D2}/Dockerfile", "FROM golang:1.22\n" + string.Concat(Enumerable.Repeat("RUN go build ./...\n", 1 + (i * 7 % 23))));
        }

        var oneAtATime = Tool.Run("lint", folder.Path, "--format", "json", "--jobs", "1");
        var atOnce = Tool.Run("lint", folder.Path, "--format", "json", "--jobs", "8");

        Assert.Equal(ExitCodes.Findings, atOnce.ExitCode);
        Assert.Equal(oneAtATime.Output, atOnce.Output);

        // Files are analysed in batches: every file of every batch, the last one short, is reported once, each RUN
        // with its build-cache finding.
        var runs = Enumerable.Range(0, 40).Sum(i => 1 + (i * 7 % 23));
        Assert.Equal(runs, System.Text.RegularExpressions.Regex.Matches(oneAtATime.Output, "\"DGB011\"").Count);
        for (var i = 0; i < 40; i++)
        {
            Assert.Contains($"app{i:D2}", oneAtATime.Output, System.StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Jobs_below_one_is_a_usage_error()
    {
        var result = Tool.Run("lint", ".", "--jobs", "0");

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Contains("--jobs must be at least 1", result.Error, System.StringComparison.Ordinal);
    }
}
