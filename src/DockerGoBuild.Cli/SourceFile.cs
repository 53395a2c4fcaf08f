using System.Text;
using DockerGoBuild.Cli.Lint;
using DockerGoBuild.Dockerfiles.Syntax;

namespace DockerGoBuild.Cli;

/// <summary>
/// Reads the Dockerfiles a command was given, reporting each file it cannot read on standard error.
/// A file named on the command line that cannot be read is an error (exit 2). A file the folder search
/// found that is gone by the time it is read (deleted mid-run, or a symbolic link that leads nowhere or
/// loops) is only a warning: there is nothing to lint and nothing the user asked for by name.
/// </summary>
internal sealed class SourceFile
{
    private readonly TextWriter error;

    public SourceFile(TextWriter error) => this.error = error;

    /// <summary>Whether any input was really an error (unreadable, or a folder that could not be searched).</summary>
    public bool Failed { get; private set; }

    public void ReportError(string path, string reason)
    {
        error.WriteLine($"{path}: error: {reason}");
        Failed = true;
    }

    public IReadOnlyList<DockerfileInput> Find(IEnumerable<string> operands) => DockerfileDiscovery.Find(operands, ReportError);

    public bool TryRead(DockerfileInput input, out string text, out Encoding encoding)
    {
        text = string.Empty;
        encoding = Encoding.UTF8;
        try
        {
            text = DockerfileEncoding.Decode(File.ReadAllBytes(input.FullPath), out encoding);
            return true;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            if (input.FoundBySearch)
            {
                error.WriteLine($"{input.DisplayPath}: warning: skipped: it is gone (deleted during the run, or a symbolic link to nothing)");
            }
            else
            {
                ReportError(input.DisplayPath, "file not found");
            }
        }
        catch (IOException exception) when (input.FoundBySearch && new FileInfo(input.FullPath).LinkTarget is not null)
        {
            error.WriteLine($"{input.DisplayPath}: warning: skipped: a symbolic link that cannot be followed ({exception.Message.TrimEnd('.', ' ')})");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            ReportError(input.DisplayPath, exception is UnauthorizedAccessException ? "permission denied" : exception.Message);
        }

        return false;
    }
}
