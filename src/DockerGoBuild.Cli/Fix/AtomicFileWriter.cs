namespace DockerGoBuild.Cli.Fix;

/// <summary>
/// Replaces a file's contents so that a reader (or a crash) sees either the old bytes or the new ones,
/// never half of them: the bytes go to a temporary file in the same folder, which then replaces the
/// original by a rename. The original's Unix permissions are carried over.
/// </summary>
internal sealed class AtomicFileWriter
{
    public static readonly AtomicFileWriter Default = new(static (source, destination) => File.Move(source, destination, overwrite: true));

    private readonly Action<string, string> replace;

    /// <param name="replace">Moves the temporary file over the original (tests make it fail).</param>
    public AtomicFileWriter(Action<string, string> replace) => this.replace = replace;

    public void Write(string path, byte[] bytes)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.dgb-tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            replace(temporary, path);
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
}
