"""Zoo presets of the two-domain models (:mod:`keras_gans.translation`): the MNIST
two-domain task and horse2zebra.

One literal dict per preset; :mod:`keras_gans.zoo.presets` says what each key means.
"""

PRESETS = {
    "cogan_mnist2domain": {
        "variant": "cogan",
        "dataset": "mnist2domain",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": "Liu & Tuzel 2016, 'Coupled Generative Adversarial Networks' (NeurIPS)",
        "build": {
            "base_filters": 64,
            "generator": {"dense_units": 1024},
            "discriminator": {"dense_units": 1024},
            "ema_decay": 0.999,
            "g_optimizer": {
                "class_name": "Adam",
                "config": {"learning_rate": 0.001, "beta_1": 0.5},
            },
        },
        "recipe": {
            "steps": 16000,
            "batch_size": 64,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py cogan_mnist2domain --mnist_dir "
                "path/to/mnist"
            ),
        },
        "notes": (
            "InfoGAN-sized coupled nets (64 filters, a shared FC-1024 in G and in D), G "
            "Adam(1e-3), sampled from a 0.999 EMA: 93.4 % pair agreement; the 32-filter nets "
            "with D's FC-500 plateaued at 84.6 % (88.4 % with the EMA, 24k steps)."
        ),
        "weights": {
            "file": "cogan_mnist2domain.weights.h5",
            "sha256": "f1764d27bc61dfc0a1931d59c4603b1421dafa839395efd6fbeb278a0d993966",
            "version": 5,
            "bytes": 11795043,
        },
        "record": "cogan_mnist2domain.json",
    },
    "cyclegan_mnist2domain": {
        "variant": "cyclegan",
        "dataset": "mnist2domain",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": (
            "Zhu, Park, Isola & Efros 2017, 'Unpaired Image-to-Image Translation using "
            "Cycle-Consistent Adversarial Networks' (ICCV)"
        ),
        "build": {"n_downsampling": 0, "n_blocks": 2, "filters": 32},
        "recipe": {
            "steps": 2000,
            "batch_size": 32,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py cyclegan_mnist2domain --mnist_dir "
                "path/to/mnist"
            ),
        },
        "notes": (
            "The nets and budget of the benchmarks/translation_mnist.py run that met its "
            "goals."
        ),
        "weights": {
            "file": "cyclegan_mnist2domain.weights.h5",
            "sha256": "58257efaa5fb6c844a818f633359b1e9c8edfed33db06feb1926390467e145a2",
            "version": 3,
            "bytes": 291879,
        },
        "record": "cyclegan_mnist2domain.json",
    },
    "unit_mnist2domain": {
        "variant": "unit",
        "dataset": "mnist2domain",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "CC BY-SA 3.0 — Yann LeCun, Corinna Cortes, Christopher J.C. Burges",
        },
        "paper": (
            "Liu, Breuel & Kautz 2017, 'Unsupervised Image-to-Image Translation Networks' "
            "(NeurIPS); Anoosheh et al. 2018 (ComboGAN); Royer et al. 2017 (XGAN)"
        ),
        "build": {"filters": 16},
        "recipe": {
            "steps": 2500,
            "batch_size": 32,
            "seed": 0,
            "command": (
                "python zoo/recipes/train_preset.py unit_mnist2domain --mnist_dir "
                "path/to/mnist"
            ),
        },
        "notes": (
            "The nets and budget of the benchmarks/translation_mnist.py run that met its "
            "goals."
        ),
        "weights": {
            "file": "unit_mnist2domain.weights.h5",
            "sha256": "0f69115007238b2fc8d99ec1af1f643ff1980f4e3d6a905aa6830eda6489ac66",
            "version": 3,
            "bytes": 1299802,
        },
        "record": "unit_mnist2domain.json",
    },
    "cyclegan_horse2zebra": {
        "variant": "cyclegan",
        "dataset": "horse2zebra",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "images from ImageNet; research use (see the CycleGAN dataset page)",
        },
        "paper": (
            "Zhu, Park, Isola & Efros 2017, 'Unpaired Image-to-Image Translation using "
            "Cycle-Consistent Adversarial Networks' (ICCV)"
        ),
        "build": {},
        "recipe": {
            "steps": 200000,
            "batch_size": 1,
            "seed": 0,
            "tfds": "cycle_gan/horse2zebra",
            "command": (
                "python zoo/recipes/train_preset.py cyclegan_horse2zebra  # needs tfds "
                "'cycle_gan/horse2zebra' prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
    "unit_horse2zebra": {
        "variant": "unit",
        "dataset": "horse2zebra",
        "latent_dim": 64,
        "license": {
            "weights": "Apache-2.0 (the weights); the training data keeps its own license",
            "data": "images from ImageNet; research use (see the CycleGAN dataset page)",
        },
        "paper": (
            "Liu, Breuel & Kautz 2017, 'Unsupervised Image-to-Image Translation Networks' "
            "(NeurIPS); Anoosheh et al. 2018 (ComboGAN); Royer et al. 2017 (XGAN)"
        ),
        "build": {},
        "recipe": {
            "steps": 200000,
            "batch_size": 1,
            "seed": 0,
            "tfds": "cycle_gan/horse2zebra",
            "command": (
                "python zoo/recipes/train_preset.py unit_horse2zebra  # needs tfds "
                "'cycle_gan/horse2zebra' prepared"
            ),
        },
        "weights": None,
        "record": None,
    },
}
