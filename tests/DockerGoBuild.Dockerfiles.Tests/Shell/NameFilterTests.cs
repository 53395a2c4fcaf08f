using DockerGoBuild.Dockerfiles.Shell;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Shell;

public class NameFilterTests
{
    private static readonly NameFilter Filter = new(new[] { "env", "sudo", "timeout" });

    private static bool MayBe(string word) => Filter.MayBe(new CharSlice(("  " + word + "  ").ToCharArray(), 2, word.Length));

    [Theory]
    [InlineData("env")]
    [InlineData("sudo")]
    [InlineData("timeout")]
    public void Passes_every_name(string name)
    {
        Assert.True(MayBe(name));
    }

    [Theory]
    [InlineData("")]
    [InlineData("echo")]
    [InlineData("en")]
    [InlineData("envv")]
    [InlineData("apt-get")]
    [InlineData("longer-than-any-name")]
    public void Rejects_words_of_another_length_or_first_or_last_character(string word)
    {
        Assert.False(MayBe(word));
    }
}
