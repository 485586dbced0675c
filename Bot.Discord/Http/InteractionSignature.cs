using System.Text;
using NSec.Cryptography;

namespace Bot.Discord.Http;

/// <summary>Checks Discord's Ed25519 signature over <c>timestamp + raw body</c> with the application's public key.</summary>
internal sealed class InteractionSignature
{
    private readonly PublicKey _key;

    public InteractionSignature(string publicKeyHex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(publicKeyHex);
        _key = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(publicKeyHex), KeyBlobFormat.RawPublicKey);
    }

    /// <summary>True only for a well-formed signature that verifies over exactly these bytes.</summary>
    public bool Verify(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp) || signatureHex.Length != 128)
        {
            return false;
        }

        byte[] signature;
        try
        {
            signature = Convert.FromHexString(signatureHex);
        }
        catch (FormatException)
        {
            return false;
        }

        var prefix = Encoding.UTF8.GetBytes(timestamp);
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return SignatureAlgorithm.Ed25519.Verify(_key, message, signature);
    }
}
