using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using DockerGoBuild.Cli.Lint;
using Xunit;

namespace DockerGoBuild.Cli.Tests;

/// <summary>Hostile file systems: each bad input gets one clear line, the rest is still linted or fixed.</summary>
public class CliRobustnessTests
{
    [Fact]
    public void A_binary_file_named_Dockerfile_gets_one_diagnostic_and_the_others_are_still_linted()
    {
        using var folder = new TempFolder();
        var random = new Random(7);
        var junk = new byte[64 * 1024];
        random.NextBytes(junk);
        folder.Write("junk/Dockerfile", junk);
        folder.Write("app/Dockerfile", Dockerfiles.MissingSyntax);

        var result = Tool.Run("lint", folder.Path);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Equal(2, result.OutputLines.Length);
        Assert.StartsWith($"{Path.Combine(folder.Path, "app", "Dockerfile")}(1,1): warning DGB001: ", result.OutputLines[0]);
        Assert.Equal($"{Path.Combine(folder.Path, "junk", "Dockerfile")}(1,1): warning DGB000: The file holds binary data (NUL or control bytes), not Dockerfile text; it was not analysed", result.OutputLines[1]);
        Assert.Equal(string.Empty, result.Error);
    }

    [Fact]
    public void Fix_leaves_a_binary_file_untouched_and_says_so()
    {
        using var folder = new TempFolder();
        var junk = new byte[4096];
        new Random(3).NextBytes(junk);
        junk[10] = 0;
        var path = folder.Write("Dockerfile", junk);

        var result = Tool.Run("fix", path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(junk, File.ReadAllBytes(path));
        Assert.Contains("not fixed: the file has syntax errors (line 1: The file holds binary data", result.Error);
    }

    [Fact]
    public void A_link_to_nothing_found_by_the_search_is_skipped_with_a_warning_not_an_error()
    {
        using var folder = new TempFolder();
        folder.Write("app/Dockerfile", Dockerfiles.Clean);
        File.CreateSymbolicLink(folder.Combine("Dockerfile.gone"), folder.Combine("deleted-meanwhile"));

        var result = Tool.Run("lint", folder.Path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(new[] { $"{Path.Combine(folder.Path, "Dockerfile.gone")}: warning: skipped: it is gone (deleted during the run, or a symbolic link to nothing)" }, result.ErrorLines);
    }

    [Fact]
    public void A_symbolic_link_loop_named_like_a_Dockerfile_is_skipped_with_a_warning()
    {
        using var folder = new TempFolder();
        folder.Write("app/Dockerfile", Dockerfiles.MissingSyntax);
        File.CreateSymbolicLink(folder.Combine("Dockerfile.a"), folder.Combine("Dockerfile.b"));
        File.CreateSymbolicLink(folder.Combine("Dockerfile.b"), folder.Combine("Dockerfile.a"));

        var result = Tool.Run("lint", folder.Path);

        Assert.Equal(ExitCodes.Findings, result.ExitCode);
        Assert.Single(result.OutputLines);
        Assert.Equal(2, result.ErrorLines.Length);
        Assert.All(result.ErrorLines, line => Assert.Contains(": warning: skipped: a symbolic link that cannot be followed", line));
    }

    [Fact]
    public void A_file_that_cannot_be_read_is_an_error_and_the_others_are_still_linted()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix domain sockets as files: Linux and macOS; CI runs on Linux.
        }

        using var folder = new TempFolder();
        var good = folder.Write("Dockerfile", Dockerfiles.MissingSyntax);
        var socketPath = folder.Combine("Dockerfile.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));

        var result = Tool.Run("lint", socketPath, good);

        Assert.Equal(ExitCodes.BadUsage, result.ExitCode);
        Assert.Single(result.OutputLines);
        Assert.StartsWith($"{socketPath}: error: ", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public void A_folder_that_cannot_be_searched_is_reported_and_the_others_are_still_searched()
    {
        using var folder = new TempFolder();
        folder.Write("open/Dockerfile", Dockerfiles.Clean);
        folder.Write("locked/Dockerfile", Dockerfiles.Clean);
        var errors = new List<string>();

        // As a folder without read permission behaves for a normal user (root reads it anyway, so it is simulated).
        var inputs = DockerfileDiscovery.Find(
            new[] { folder.Path },
            (path, reason) => errors.Add($"{path}: {reason}"),
            listed => listed.Name == "locked" ? throw new UnauthorizedAccessException("Access to the path is denied.") : listed.EnumerateFileSystemInfos());

        Assert.Equal(new[] { Path.Combine(folder.Path, "open", "Dockerfile") }, inputs.Select(input => input.DisplayPath));
        Assert.Equal(new[] { $"{Path.Combine(folder.Path, "locked")}: permission denied: the folder cannot be searched" }, errors);
    }

    [Fact]
    public void Folder_links_that_loop_are_not_followed()
    {
        using var folder = new TempFolder();
        folder.Write("a/Dockerfile", Dockerfiles.Clean);
        Directory.CreateSymbolicLink(folder.Combine("a/loop"), folder.Path);

        var result = Tool.Run("lint", folder.Path);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Equal(string.Empty, result.Error);
    }
}
