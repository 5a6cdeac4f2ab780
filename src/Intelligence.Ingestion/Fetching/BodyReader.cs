using System.IO.Compression;

namespace Intelligence.Ingestion.Fetching;

/// <summary>
/// Reads a response body under two caps: bytes on the wire, and bytes after decompression. Decompression is done
/// here, not by the handler, so a gzip bomb is cut off at the cap instead of being inflated.
/// </summary>
internal static class BodyReader
{
    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, Uri url, FetcherOptions options, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is { } declared && declared > options.MaxResponseBytes)
            throw TooLarge(url, FetchFailure.TooLarge, $"declares {declared} bytes, over the {options.MaxResponseBytes}-byte cap");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.BodyTimeout);
        try
        {
            await using var wire = await response.Content.ReadAsStreamAsync(timeout.Token);
            var raw = await ReadCappedAsync(wire, options.MaxResponseBytes, timeout.Token)
                ?? throw TooLarge(url, FetchFailure.TooLarge, $"is larger than the {options.MaxResponseBytes}-byte cap");

            var encodings = response.Content.Headers.ContentEncoding.Select(e => e.Trim().ToLowerInvariant()).Where(e => e is not "identity").ToArray();
            var body = raw;
            foreach (var encoding in encodings.Reverse())
                body = await DecompressAsync(body, encoding, url, options, timeout.Token);
            return body;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new FetchFailedException(url, FetchFailure.Timeout,
                $"Reading the body of {url} took longer than {options.BodyTimeout.TotalSeconds:0.###} s.");
        }
    }

    /// <summary>A .gz file served without Content-Encoding (sitemap.xml.gz): inflated under the same cap.</summary>
    public static async Task<byte[]> GunzipIfCompressedAsync(byte[] body, Uri url, FetcherOptions options, CancellationToken cancellationToken) =>
        body is [0x1F, 0x8B, ..] ? await DecompressAsync(body, "gzip", url, options, cancellationToken) : body;

    private static async Task<byte[]> DecompressAsync(byte[] compressed, string encoding, Uri url, FetcherOptions options, CancellationToken cancellationToken)
    {
        var input = new MemoryStream(compressed);
        Stream decoder = encoding switch
        {
            "gzip" or "x-gzip" => new GZipStream(input, CompressionMode.Decompress),
            "deflate" => new ZLibStream(input, CompressionMode.Decompress),
            "br" => new BrotliStream(input, CompressionMode.Decompress),
            _ => throw new FetchFailedException(url, FetchFailure.UnsupportedContentType,
                $"The response from {url} uses an unsupported Content-Encoding '{encoding}'."),
        };
        try
        {
            await using (decoder)
            {
                return await ReadCappedAsync(decoder, options.MaxDecompressedBytes, cancellationToken)
                    ?? throw TooLarge(url, FetchFailure.DecompressionBomb,
                        $"inflates past the {options.MaxDecompressedBytes}-byte decompression cap ({compressed.Length} bytes compressed); stopped");
            }
        }
        catch (InvalidDataException e)
        {
            throw new FetchFailedException(url, FetchFailure.Network, $"The {encoding} body from {url} is corrupt: {e.Message}", e);
        }
    }

    /// <summary>The stream's bytes, or null as soon as more than <paramref name="cap"/> bytes arrive.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream stream, long cap, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > cap) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static FetchFailedException TooLarge(Uri url, FetchFailure failure, string detail) =>
        new(url, failure, $"The response from {url} {detail}.");
}
