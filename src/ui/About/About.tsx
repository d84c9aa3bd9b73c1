export function About() {
  return (
    <details className="about">
      <summary>How does this work?</summary>
      <p>
        CLIP has two encoders, one for images and one for text, that map both into one shared embedding space. It is
        trained <em>contrastively</em>: in each batch of image-caption pairs, the matching pairs are pulled together and
        every mismatched pair is pushed apart. So a picture of a red circle lands near the text &ldquo;a photo of a red
        circle&rdquo;.
      </p>
      <p>
        Zero-shot classification follows: each label is put into a prompt (&ldquo;a photo of a {'{}'}.&rdquo;), encoded,
        and compared with the image by cosine similarity. Multiplying by the model&rsquo;s learned temperature (its
        logit scale) and taking a softmax over the labels gives the probabilities in the chart; they only compare the
        labels you typed with each other.
      </p>
      <p>
        Other vision-language models work differently: SimVLM-style PrefixLM models are trained to <em>generate</em>{' '}
        text that continues an image and a text prefix, rather than to match pairs. Clipscope shows matching models.
      </p>
      <p>Everything runs in this tab, on WebGPU or WebAssembly: no image is uploaded anywhere.</p>
    </details>
  );
}
