/** Why the matrix matters: it is the very table CLIP is trained on. */
export function MatrixExplainer() {
  return (
    <details className="matrix-explainer">
      <summary>What is this matrix?</summary>
      <p>
        CLIP is trained on exactly this kind of table. For each batch of images and their captions it computes every
        image&ndash;text cosine similarity; the matching pairs lie on the diagonal. Training pulls the diagonal up and
        pushes every other cell down (a softmax across each row and each column), so images and texts that belong
        together end up close in one shared embedding space. Put your labels in the same order as your images to see
        that diagonal light up.
      </p>
      <p>
        Generative vision-language models such as SimVLM are trained differently: a PrefixLM reads the image (and a text
        prefix) and learns to write the rest of the caption word by word. It never sees this matrix of pairs; to score a
        label it measures how likely it is to write it. The Describe view shows Clipscope Mini PrefixLM doing so beside
        CLIP&rsquo;s chart.
      </p>
    </details>
  );
}
