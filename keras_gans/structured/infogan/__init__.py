"""InfoGAN: a GAN whose latent carries codes that a recognition head Q must recover.

The generator sees one vector ``[z', c_cat, c_cont]``: incompressible noise z'
(``noise_dim`` × N(0, 1)), a one-hot categorical code c_cat (``num_categories``-way,
uniform) and continuous codes c_cont (``num_continuous`` × U[−1, 1]). The discriminator
is one functional net whose body is shared by the real/fake head and the recognition
head Q (``{"logits", "q_cat", "q_mu", "q_log_var"}``). The mutual-information lower
bound L_I(G, Q) is maximised through the surrogate loss

    λ · [ CE(c_cat, softmax(q_cat)) + w_cont · NLL_Gauss(c_cont | q_mu, exp(q_log_var)) ]

on generated samples (λ = ``info_weight`` = 1, w_cont = ``continuous_weight`` = 1), which
is −λ·L_I up to the constant entropy H(c).

Which update trains Q. The paper's objective is min_{G,Q} max_D V(D, G) − λ L_I(G, Q)
with Q sharing all of D's layers but its last ones. We follow the authors' reference
implementation (openai/InfoGAN, ``infogan_trainer.py``): the information term is added
to BOTH objectives, the discriminator update trains D's body, D's head and Q's head on
``d_loss + λ·L``, and the generator update trains G on ``g_loss + λ·L``. In engine terms
Q is part of the ``"discriminator"`` net, so :meth:`GAN.trainable_variables_of` needs no
override; :meth:`InfoGAN.extra_terms` gives the terms of both roles. (Another common
reading — Q's head stepped with G while the shared body sees only the GAN loss — is not
what this module does.)

Reference:
    Chen et al. 2016, "InfoGAN: Interpretable Representation Learning by Information
    Maximizing Generative Adversarial Nets" (§5, Appendix C.1).

Files: ``nets.py`` the nets, ``model.py`` the model classes, ``builder.py`` the builders
(registered with :func:`keras_gans.build` on import).
"""

from keras_gans.structured.infogan.nets import (  # noqa: F401
    InfoGANDiscriminator,
)
from keras_gans.structured.infogan.model import (  # noqa: F401
    InfoGAN, categorical_code_loss, gaussian_code_nll,
)
from keras_gans.structured.infogan.builder import (  # noqa: F401
    build_infogan,
)
