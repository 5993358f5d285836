using CardService.Core.Meta;
using CardService.Functions.Preview;

namespace CardService.Preview.Tests;

public sealed class HeadEditorTests
{
    private const string Page = """
        <!doctype html><html><head><title>Old</title>
        <meta name="description" content="Old description">
        <meta property="og:title" content="Old">
        <meta name="twitter:title" content="Old">
        <meta property="og:image" content="https://blog.example/old.png">
        <meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">
        </head><body><p>Body stays.</p></body></html>
        """;

    private static readonly EditValues Originals = new("Old", "Old description", "https://blog.example/old.png");

    [Fact]
    public void Apply_NewTitle_WritesTitleOgTitleAndTheExistingTwitterTitle()
    {
        var sut = HeadEditor.Apply(Page, Originals with { Title = "New <b>title</b>" }, Originals);

        var meta = MetaReader.Read(sut, new Uri("https://blog.example/post"));
        Assert.Equal("New <b>title</b>", meta.Title);
        Assert.Equal("New <b>title</b>", meta.OpenGraph.Title);
        Assert.Equal("New <b>title</b>", meta.Twitter.Title);
        Assert.Contains("<p>Body stays.</p>", sut, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_NewImage_DropsTheOldImagesDeclaredSize()
    {
        var sut = HeadEditor.Apply(Page, Originals with { Image = "https://blog.example/new.png" }, Originals);

        var meta = MetaReader.Read(sut, new Uri("https://blog.example/post"));
        var image = Assert.Single(meta.OpenGraph.Images);
        Assert.Equal("https://blog.example/new.png", image.Url?.Resolved?.AbsoluteUri);
        Assert.Null(image.Width);
        Assert.Null(image.Height);
        Assert.Null(meta.Twitter.Image);
    }

    [Fact]
    public void Apply_NothingChanged_LeavesTheTagsAsTheyWere()
    {
        var sut = HeadEditor.Apply(Page, Originals, Originals);

        var before = MetaReader.Read(Page, new Uri("https://blog.example/post"));
        var after = MetaReader.Read(sut, new Uri("https://blog.example/post"));
        Assert.Equal(before.Tags.Select(t => (t.Name, t.Property, t.Content)), after.Tags.Select(t => (t.Name, t.Property, t.Content)));
    }

    [Fact]
    public void Apply_PageWithoutDescription_AddsMetaAndOgDescription()
    {
        var sut = HeadEditor.Apply("<title>T</title>", new EditValues("T", "Added", null), new EditValues("T", null, null));

        var meta = MetaReader.Read(sut, new Uri("https://blog.example/post"));
        Assert.Equal("Added", meta.Description);
        Assert.Equal("Added", meta.OpenGraph.Description);
    }
}
