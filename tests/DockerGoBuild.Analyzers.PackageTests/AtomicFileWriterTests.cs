using System;
using System.IO;
using DockerGoBuild.IO;
using Xunit;

namespace DockerGoBuild.Analyzers.PackageTests;

/// <summary>The tasks' build of the shared atomic write (netstandard2.0: permissions carried by copying the original).</summary>
public sealed class AtomicFileWriterTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dgb-atomic-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherExecute)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead)]
    public void The_new_bytes_replace_the_old_and_the_permissions_stay(UnixFileMode mode)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix permissions only; CI runs on Linux.
        }

        var path = Path.Combine(_folder, "Dockerfile");
        File.WriteAllText(path, "FROM scratch\n");
        File.SetUnixFileMode(path, mode);

        AtomicFileWriter.Default.Write(path, "# syntax=docker/dockerfile:1\nFROM scratch\n"u8.ToArray());

        Assert.Equal("# syntax=docker/dockerfile:1\nFROM scratch\n", File.ReadAllText(path));
        Assert.Equal(mode, File.GetUnixFileMode(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_failed_rename_leaves_the_original_and_no_temporary_file()
    {
        var path = Path.Combine(_folder, "Dockerfile");
        File.WriteAllText(path, "FROM scratch\n");
        var failingRename = new AtomicFileWriter((_, _) => throw new IOException("simulated crash before the rename"));

        Assert.Throws<IOException>(() => failingRename.Write(path, "changed"u8.ToArray()));

        Assert.Equal("FROM scratch\n", File.ReadAllText(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(_folder));
    }
}
