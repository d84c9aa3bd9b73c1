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
      <h3>Two ways to pre-train, two models in this app</h3>
      <p>
        <strong>Contrastive (Clipscope Mini, a small CLIP).</strong> An image encoder and a text encoder are trained
        together so that &ldquo;a photo of a red circle&rdquo; lands next to pictures of red circles and away from every
        other picture in the batch. The model never writes text: it can only say which of the texts you give it is
        closest to the image.
      </p>
      <p>
        <strong>PrefixLM (Clipscope Mini PrefixLM, SimVLM&rsquo;s way).</strong> One model reads the image patches
        followed by the start of a text (the prefix) as a single sequence, and learns to write the rest of the text
        token by token. Each training text is cut at a random point: &ldquo;a photo of a&rdquo; goes in, &ldquo;red
        circle&rdquo; must come out; with an empty prefix it learns to caption, with &ldquo;question: what colour is the
        star? answer:&rdquo; it learns to answer.
      </p>
      <p>
        The Describe view runs both on the same images. The PrefixLM can also classify: for each label it measures how
        likely it is to write that label after the template&rsquo;s start (&ldquo;a photo of a&rdquo;), and a softmax
        over the labels turns those likelihoods into the chart beside CLIP&rsquo;s. Both models were trained by this
        project on the same world of drawn shapes, with some colour-shape pairs held out to test whether they
        generalise.
      </p>
      <p>Everything runs in this tab, on WebGPU or WebAssembly: no image is uploaded anywhere.</p>
    </details>
  );
}
