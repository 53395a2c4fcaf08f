using System;
using System.IO;

namespace DockerGoBuild.IO;

/// <summary>
/// Replaces a file's contents so that a reader (or a crash) sees either the old bytes or the new ones, never half of
/// them: the bytes go to a temporary file in the same folder (so the rename stays on one file system), which then
/// replaces the original by a rename. The original's permissions are carried over. One source file, compiled into
/// the command-line tool (net10.0) and the MSBuild tasks (netstandard2.0).
/// </summary>
internal sealed class AtomicFileWriter
{
    public static readonly AtomicFileWriter Default = new(ReplaceByRename);

    private readonly Action<string, string> _replace;

    /// <param name="replace">Moves the temporary file over the original (tests make it fail).</param>
    public AtomicFileWriter(Action<string, string> replace) => _replace = replace;

    public void Write(string path, byte[] bytes)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".dgb-tmp");
        try
        {
            WriteWithPermissionsOf(path, temporary, bytes);
            _replace(temporary, path);
        }
        finally
        {
            // After a successful rename the temporary name is gone; after a failure it must not be left behind.
            try
            {
                File.Delete(temporary);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

#if NET
    private static void WriteWithPermissionsOf(string original, string temporary, byte[] bytes)
    {
        using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(original));
        }
    }

    private static void ReplaceByRename(string temporary, string path) => File.Move(temporary, path, overwrite: true);
#else
    // netstandard2.0 can neither read nor set a Unix mode: the temporary file starts as a copy of the original, which
    // carries it. A read-only original is made writable for the write and read-only again before the rename.
    private static void WriteWithPermissionsOf(string original, string temporary, byte[] bytes)
    {
        File.Copy(original, temporary);
        var attributes = File.GetAttributes(temporary);
        var readOnly = (attributes & FileAttributes.ReadOnly) != 0;
        if (readOnly)
        {
            File.SetAttributes(temporary, attributes & ~FileAttributes.ReadOnly);
        }

        using (var stream = new FileStream(temporary, FileMode.Truncate, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
        }

        if (readOnly)
        {
            File.SetAttributes(temporary, attributes);
        }
    }

    private static void ReplaceByRename(string temporary, string path) => File.Replace(temporary, path, destinationBackupFileName: null);
#endif
}
