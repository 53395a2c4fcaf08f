using DockerGoBuild.Dockerfiles.Semantics;
using Xunit;

namespace DockerGoBuild.Dockerfiles.Tests.Semantics;

public class SegmentBufferTests
{
    [Fact]
    public void Pieces_are_contiguous_and_never_overlap()
    {
        var buffer = new SegmentBuffer<string>(1024);

        var first = buffer.Take(200, out var firstStart);
        var second = buffer.Take(56, out var secondStart);
        var third = buffer.Take(1, out var thirdStart);

        Assert.Same(first, second);
        Assert.Equal((0, 200, 256), (firstStart, secondStart, first.Length));
        Assert.NotSame(first, third);
        Assert.Equal((0, 512), (thirdStart, third.Length));
    }

    [Fact]
    public void Segments_grow_to_the_limit_and_a_longer_piece_gets_an_array_of_its_own()
    {
        var buffer = new SegmentBuffer<int>(600);
        var small = buffer.Take(250, out _);

        var large = buffer.Take(601, out var start);
        var rest = buffer.Take(6, out var restStart);

        Assert.Equal((601, 0), (large.Length, start));
        Assert.Same(small, rest);
        Assert.Equal(250, restStart);
        Assert.Equal(512, buffer.Take(300, out _).Length);
        Assert.Equal(600, buffer.Take(300, out _).Length);
    }

    [Fact]
    public void Segments_of_values_that_refer_to_nothing_are_reused_after_a_clear()
    {
        var buffer = new SegmentBuffer<int>(1024, holdsReferences: false);
        var segment = buffer.Take(3, out _);
        segment[0] = 7;

        buffer.Clear(keepAll: false);
        var again = buffer.Take(4, out var start);

        Assert.Same(segment, again);
        Assert.Equal(0, start);
    }

    [Fact]
    public void Cleared_segments_are_reused_empty()
    {
        var buffer = new SegmentBuffer<string>(1024);
        var segment = buffer.Take(3, out _);
        segment[0] = segment[1] = segment[2] = "kept alive?";

        buffer.Clear(keepAll: false);
        var again = buffer.Take(4, out var start);

        Assert.Same(segment, again);
        Assert.Equal(0, start);
        Assert.All(again, Assert.Null);
    }

    [Fact]
    public void Segments_past_the_first_few_are_kept_only_when_asked()
    {
        var buffer = new SegmentBuffer<string>(256);
        var segments = new string[6][];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = buffer.Take(256, out _);
            segments[i][255] = "kept alive?";
        }

        buffer.Clear(keepAll: true);
        for (var i = 0; i < segments.Length; i++)
        {
            var again = buffer.Take(256, out _);
            Assert.Same(segments[i], again);
            Assert.Null(again[255]);
        }

        buffer.Clear(keepAll: false);
        for (var i = 0; i < 4; i++)
        {
            Assert.Same(segments[i], buffer.Take(256, out _));
        }

        Assert.NotSame(segments[4], buffer.Take(256, out _));
    }
}
