using System.Collections.Immutable;
using System.ComponentModel.DataAnnotations;

namespace CardService.Core.Signing;

/// <summary>
/// Keys of signed card URLs (<see cref="CardUrlSigner"/>). The first key signs; every key verifies, so a new key can take
/// slot 0 while URLs signed with the previous one (slot 1) keep working. Each key is base64 of at least 32 bytes
/// (<c>openssl rand -base64 32</c>).
/// </summary>
public sealed class SigningOptions
{
    public const string SectionName = "Signing";

    /// <summary>The fewest bytes a key may decode to: HMAC-SHA256's block of strength.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The most keys active at once: the current one and the one being rolled out.</summary>
    public const int MaxKeys = 2;

    /// <summary>Base64 keys; empty: card URLs are not signed. Default empty.</summary>
    [Required]
    public string[] Keys { get; set; } = [];

    /// <summary>Refuse card URLs without a valid signature (needs a key). Default false: a signature, when sent, is still checked.</summary>
    public bool Required { get; set; }

    /// <summary>Every configuration error at once, each naming the setting; empty when valid.</summary>
    public ImmutableArray<string> Validate()
    {
        var errors = ImmutableArray.CreateBuilder<string>();
        var keys = Keys ?? [];
        if (keys.Length > MaxKeys)
        {
            errors.Add($"{SectionName}:{nameof(Keys)} holds {keys.Length} keys; at most {MaxKeys} are active at once (the current one and the previous one).");
        }

        for (var i = 0; i < keys.Length; i++)
        {
            if (Decode(keys[i]) is not { } key)
            {
                errors.Add($"{SectionName}:{nameof(Keys)}:{i} is not base64; make a key with 'openssl rand -base64 32'.");
            }
            else if (key.Length < MinKeyBytes)
            {
                errors.Add($"{SectionName}:{nameof(Keys)}:{i} is {key.Length} bytes; a key needs at least {MinKeyBytes} ('openssl rand -base64 32').");
            }
        }

        if (Required && keys.Length == 0)
        {
            errors.Add($"{SectionName}:{nameof(Required)} is true but {SectionName}:{nameof(Keys)} is empty: every card URL would be refused.");
        }

        return errors.ToImmutable();
    }

    /// <summary>The keys as bytes, in order; throws when <see cref="Validate"/> would report a problem.</summary>
    public ImmutableArray<byte[]> KeyBytes()
    {
        var errors = Validate();
        return errors.IsEmpty
            ? [.. (Keys ?? []).Select(k => Decode(k)!)]
            : throw new ArgumentException("Invalid signing options: " + string.Join("; ", errors));
    }

    private static byte[]? Decode(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return null;
        }

        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key.Trim(), buffer, out var written) ? buffer[..written] : null;
    }
}
