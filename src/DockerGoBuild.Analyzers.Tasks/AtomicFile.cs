using System;
using System.IO;

namespace DockerGoBuild.Analyzers.Tasks;

/// <summary>Writes a file so that readers see the old bytes or the new ones, never half of them.</summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="bytes"/> to a temporary file in the same folder (so the final rename stays on one file
    /// system) and renames it over <paramref name="path"/>. The temporary file starts as a copy of the original so
    /// that it carries the original's permissions (File.Copy keeps the Unix mode; netstandard2.0 cannot set it).
    /// </summary>
    public static void Replace(string path, byte[] bytes)
    {
        var folder = Path.GetDirectoryName(path)!;
        var temporary = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            File.Copy(path, temporary);
            using (var stream = new FileStream(temporary, FileMode.Truncate, FileAccess.Write, FileShare.None))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            File.Replace(temporary, path, destinationBackupFileName: null);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
