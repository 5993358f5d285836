namespace CardService.Core.Tests.Support;

/// <summary>
/// Golden-image checks in the spirit of VerifyTests: the expected PNG is committed in
/// <c>tests/CardService.Core.Tests/Cards/Golden/&lt;name&gt;.png</c> (found from the source tree, never from bin/).
/// <para>
/// Tolerance: a pixel differs when any channel is more than <see cref="ChannelTolerance"/> out of 255 off; the check
/// fails when more than <see cref="MaxDifferingFraction"/> (0.1%) of the pixels differ. That absorbs anti-aliasing noise between
/// Skia builds and CPUs while still catching a moved word, a missing glyph or a wrong colour (0.5% would let two
/// dropped title letters through: 3 780 pixels at 1200×630).
/// </para>
/// <para>
/// On failure the rendered image is written beside the golden as <c>&lt;name&gt;.received.png</c> (git-ignored).
/// A missing golden is a failure. With <c>CARDSERVICE_UPDATE_GOLDEN=1</c> every golden checked is re-recorded and the
/// test fails once saying so, so a run with the variable set can never pass silently (on CI or anywhere else);
/// run again without it to see the tests pass.
/// </para>
/// </summary>
internal static class GoldenImage
{
    public const string UpdateVariable = "CARDSERVICE_UPDATE_GOLDEN";
    public const int ChannelTolerance = 8;
    public const double MaxDifferingFraction = 0.001;

    public static void Verify(string name, ReadOnlyMemory<byte> png)
    {
        var golden = Path.Combine(SourceTree.GoldenFolder, name + ".png");
        var received = Path.Combine(SourceTree.GoldenFolder, name + ".received.png");
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            Directory.CreateDirectory(SourceTree.GoldenFolder);
            File.WriteAllBytes(golden, png.ToArray());
            File.Delete(received);
            Assert.Fail($"Re-recorded golden '{golden}' ({UpdateVariable}=1). Look at it, commit it, and run again without the variable.");
        }

        if (!File.Exists(golden))
        {
            File.WriteAllBytes(received, png.ToArray());
            Assert.Fail($"No golden '{golden}'. The rendering is in '{received}'; record goldens with {UpdateVariable}=1.");
        }

        var problem = Compare(File.ReadAllBytes(golden), png);
        if (problem is not null)
        {
            File.WriteAllBytes(received, png.ToArray());
            Assert.Fail($"'{name}' differs from its golden: {problem}. See '{received}'.");
        }

        File.Delete(received);
    }

    /// <summary>Why the two images do not match within the tolerance, or null when they do.</summary>
    public static string? Compare(byte[] expectedPng, ReadOnlyMemory<byte> actualPng)
    {
        var expected = Pixels.DecodeRgba(expectedPng, out var width, out var height);
        var actual = Pixels.DecodeRgba(actualPng, out var actualWidth, out var actualHeight);
        if ((width, height) != (actualWidth, actualHeight))
        {
            return $"size {actualWidth}×{actualHeight}, expected {width}×{height}";
        }

        var differing = 0;
        var worst = 0;
        for (var p = 0; p < expected.Length; p += 4)
        {
            var d = Math.Max(Math.Abs(expected[p] - actual[p]), Math.Max(Math.Abs(expected[p + 1] - actual[p + 1]), Math.Abs(expected[p + 2] - actual[p + 2])));
            worst = Math.Max(worst, d);
            differing += d > ChannelTolerance ? 1 : 0;
        }

        var allowed = (int)(width * (long)height * MaxDifferingFraction);
        return differing > allowed ? $"{differing} pixels differ by more than {ChannelTolerance}/255 (at most {allowed} may; worst {worst})" : null;
    }
}
