using System.Globalization;

namespace ClearanceWorkflow.Application.Audit;

/// <summary>
/// A run of sealed audit events, <see cref="FirstSequence"/> to <see cref="LastSequence"/>: the Merkle
/// root of their hashes, chained to the previous block by <see cref="PreviousHash"/>, and signed. The
/// block's <see cref="Hash"/> is the SHA-256 of its canonical header; the signature covers that header.
/// </summary>
public sealed class LedgerBlock
{
    private LedgerBlock()
    {
        MerkleRoot = PreviousHash = Hash = Signature = KeyId = string.Empty;
    }

    public LedgerBlock(long number, long firstSequence, long lastSequence, string merkleRoot, string previousHash, DateTime sealedAt)
    {
        Number = number;
        FirstSequence = firstSequence;
        LastSequence = lastSequence;
        MerkleRoot = merkleRoot;
        PreviousHash = previousHash;
        SealedAt = Ledger.Microseconds(sealedAt);
        Hash = AuditEvent.HashOf(Header());
        Signature = KeyId = string.Empty;
    }

    public long Number { get; private set; }
    public long FirstSequence { get; private set; }
    public long LastSequence { get; private set; }
    public string MerkleRoot { get; private set; }
    public string PreviousHash { get; private set; }
    public string Hash { get; private set; }

    /// <summary>When the sealer made the block; an event's lag from commit to sealed is about this minus its <c>At</c>.</summary>
    public DateTime SealedAt { get; private set; }

    /// <summary>ECDSA P-256 over the UTF-8 header with SHA-256, IEEE P1363 (r‖s), base64.</summary>
    public string Signature { get; private set; }

    public string KeyId { get; private set; }

    /// <summary>The longest key id a block keeps (its column's length); a longer one is refused at startup.</summary>
    public const int MaxKeyIdLength = 64;

    public void Sign(LedgerSigner signer) => (KeyId, Signature) = signer.Sign(Header());

    public string Header() => Ledger.Header(Number, FirstSequence, LastSequence, MerkleRoot, PreviousHash, SealedAt);
}

/// <summary>The ledger's arithmetic, shared by the service, its verification and the offline <c>verify-proof</c> verb.</summary>
public static class Ledger
{
    public static string Header(long number, long firstSequence, long lastSequence, string merkleRoot, string previousHash, DateTime sealedAt) =>
        string.Join(
            '\n',
            "clearance-ledger-block-v1",
            number.ToString(CultureInfo.InvariantCulture),
            firstSequence.ToString(CultureInfo.InvariantCulture),
            lastSequence.ToString(CultureInfo.InvariantCulture),
            merkleRoot,
            previousHash,
            sealedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));

    /// <summary>Every provider stores microseconds: the header is made from what will be read back.</summary>
    public static DateTime Microseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % 10), DateTimeKind.Utc);

    /// <summary>RFC 6962 tree hash over the events' hashes (hex); the empty tree is SHA-256 of nothing.</summary>
    public static string MerkleRoot(IReadOnlyList<string> hashes) =>
        Convert.ToHexStringLower(Root([.. hashes.Select(Leaf)], 0, hashes.Count));

    /// <summary>The RFC 6962 audit path of leaf <paramref name="index"/>, bottom up (hex).</summary>
    public static IReadOnlyList<string> AuditPath(IReadOnlyList<string> hashes, int index)
    {
        var leaves = hashes.Select(Leaf).ToArray();
        var path = new List<string>();
        Path(leaves, index, 0, leaves.Length, path);
        return path;
    }

    /// <summary>RFC 9162 section 2.1.3.2: whether <paramref name="path"/> leads from the event hash at <paramref name="index"/> to <paramref name="root"/>.</summary>
    public static bool VerifyPath(string eventHash, long index, long treeSize, IReadOnlyList<string> path, string root)
    {
        if (index < 0 || index >= treeSize || !TryHex(eventHash, out _) || !TryHex(root, out var expected))
        {
            return false;
        }

        long fn = index, sn = treeSize - 1;
        var r = Leaf(eventHash);
        foreach (var hex in path)
        {
            if (sn == 0 || !TryHex(hex, out var p))
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                r = Node(p, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                r = Node(r, p);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && r.AsSpan().SequenceEqual(expected);
    }

    public static bool TryHex(string? hex, out byte[] bytes)
    {
        bytes = [];
        if (hex is not { Length: 64 } || !hex.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return false;
        }

        bytes = Convert.FromHexString(hex);
        return true;
    }

    private static byte[] Leaf(string hash) => Prefixed(0x00, Convert.FromHexString(hash));

    private static byte[] Node(byte[] left, byte[] right) => Prefixed(0x01, [.. left, .. right]);

    private static byte[] Prefixed(byte prefix, byte[] data)
    {
        var input = new byte[data.Length + 1];
        input[0] = prefix;
        data.CopyTo(input, 1);
        return System.Security.Cryptography.SHA256.HashData(input);
    }

    private static byte[] Root(byte[][] leaves, int start, int count) => count switch
    {
        0 => System.Security.Cryptography.SHA256.HashData([]),
        1 => leaves[start],
        _ => Node(Root(leaves, start, Split(count)), Root(leaves, start + Split(count), count - Split(count))),
    };

    private static void Path(byte[][] leaves, int index, int start, int count, List<string> path)
    {
        if (count <= 1)
        {
            return;
        }

        var k = Split(count);
        if (index < k)
        {
            Path(leaves, index, start, k, path);
            path.Add(Convert.ToHexStringLower(Root(leaves, start + k, count - k)));
        }
        else
        {
            Path(leaves, index - k, start + k, count - k, path);
            path.Add(Convert.ToHexStringLower(Root(leaves, start, k)));
        }
    }

    /// <summary>The largest power of two below <paramref name="n"/> (n &gt; 1).</summary>
    private static int Split(int n)
    {
        var k = 1;
        while (k << 1 < n)
        {
            k <<= 1;
        }

        return k;
    }
}
