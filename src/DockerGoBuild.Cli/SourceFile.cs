using System.Text;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Cli;

/// <summary>Reads a Dockerfile's bytes into text without losing any of them.</summary>
internal static class SourceFile
{
    public static bool TryRead(string path, out string text, out Encoding encoding, out string error)
    {
        try
        {
            text = DockerfileEncoding.Decode(File.ReadAllBytes(path), out encoding);
            error = string.Empty;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            text = string.Empty;
            encoding = Encoding.UTF8;
            error = exception is FileNotFoundException or DirectoryNotFoundException ? "file not found" : exception.Message;
            return false;
        }
    }
}
