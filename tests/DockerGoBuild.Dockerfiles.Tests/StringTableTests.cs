using System;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests;

public class StringTableTests
{
    [Fact]
    public void A_kept_texts_entry_holds_its_one_string_and_the_facts_noted_in_this_analysis_only()
    {
        StringTable.BeginAnalysis();
        var first = "GOFLAGS=-mod=vendor".AsSpan(0, 7);
        ref var entry = ref StringTable.GetWithFacts(first);
        Assert.Equal("GOFLAGS", entry.Text);
        Assert.Same(StringTable.Get("GOFLAGS".AsSpan()), entry.Text);
        entry.Facts |= TextFacts.SecretNameKnown;

        Assert.Equal(TextFacts.SecretNameKnown, StringTable.GetWithFacts(new string("GOFLAGS".ToCharArray()).AsSpan()).Facts);

        StringTable.BeginAnalysis();
        Assert.Equal(TextFacts.None, StringTable.GetWithFacts("GOFLAGS".AsSpan()).Facts);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    public void An_empty_or_long_text_has_no_string_and_keeps_no_facts(int length)
    {
        StringTable.BeginAnalysis();
        var text = new string('x', length);
        StringTable.GetWithFacts(text.AsSpan()).Facts |= TextFacts.OwnValue;

        ref var entry = ref StringTable.GetWithFacts(text.AsSpan());
        Assert.Null(entry.Text);
        Assert.Equal(TextFacts.None, entry.Facts);
    }
}
