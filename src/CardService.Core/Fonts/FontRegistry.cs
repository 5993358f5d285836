using SkiaSharp;

namespace CardService.Core.Fonts;

/// <summary>Loads the bundled typefaces once and hands them out; safe to share across threads.</summary>
public sealed class FontRegistry : IDisposable
{
    private readonly SKTypeface _bold;
    private readonly SKTypeface _regular;

    public FontRegistry(FontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _bold = Load(options.Directory, "Inter-Bold.otf");
        _regular = Load(options.Directory, "Inter-Regular.otf");
    }

    public SKTypeface Bold => _bold;

    public SKTypeface Regular => _regular;

    private static SKTypeface Load(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return SKTypeface.FromFile(path)
            ?? throw new FileNotFoundException($"Font '{file}' is missing or unreadable in '{directory}'.", path);
    }

    public void Dispose()
    {
        _bold.Dispose();
        _regular.Dispose();
    }
}
