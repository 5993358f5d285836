namespace CardService.Core.Meta;

/// <summary>Reads a page's head (and misplaced tags in body) into a <see cref="PageMeta"/>.</summary>
public static partial class MetaReader
{
}
